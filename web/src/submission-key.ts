import { useRef } from 'react';
import { ApiError, idempotencyKey } from './api';

/**
 * The Idempotency-Key of a form. It is kept while the same submission may be retried (no answer
 * came back), and renewed after an answer: the next submission is another request, and the API
 * refuses a key reused with a different body.
 */
export function useSubmissionKey() {
  const key = useRef(idempotencyKey());
  return {
    get: () => key.current,
    /** Call with the error, if any, once the submission has settled. */
    settled: (error?: unknown) => {
      if (!error || (error instanceof ApiError && error.code !== 'request_in_progress')) key.current = idempotencyKey();
    },
  };
}
