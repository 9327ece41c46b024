import { useRef, useState } from 'react';
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
    /** For another form's content (another task, say): never the key of an unanswered one. */
    renew: () => { key.current = idempotencyKey(); },
    /** Call with the error, if any, once the submission has settled. */
    settled: (error?: unknown) => {
      if (!error || (error instanceof ApiError && error.code !== 'request_in_progress')) key.current = idempotencyKey();
    },
  };
}

/**
 * Sending a form: busy while it goes, the server's refusal kept to show, and an Idempotency-Key
 * for `send` so a double click or a retry files once. Resolves to the answer, or undefined when refused.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const key = useSubmissionKey();
  const submit = async <T,>(send: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const answer = await send(key.get());
      key.settled();
      return answer;
    } catch (e) {
      key.settled(e);
      setError(e as Error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  /** The form now holds something else to send: forget the last refusal and use a new key. */
  const restart = () => { setError(null); key.renew(); };
  return { busy, error, submit, restart };
}

/**
 * Errors shown as the user types, from `validate` (the API's own zod schema and rule checks): a
 * field's error shows once it was changed, or everywhere once a submit was tried.
 */
export function useFieldErrors<V>(validate: (v: V) => Record<string, string>, read: () => V) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const shown = (f: string) => (submitted || touched.has(f) ? errors[f] : undefined);
  return {
    errors,
    shown,
    /** Form.Item props showing a field's error (with a test id naming the field). */
    help: (f: string) => (shown(f) ? { validateStatus: 'error' as const, help: <span data-testid={`error-${f}`}>{shown(f)}</span> } : {}),
    /** After `fields` changed: they count as touched, and everything is checked again. */
    changed: (fields: string[] = []) => {
      if (fields.length) setTouched((s) => new Set([...s, ...fields]));
      setErrors(validate(read()));
    },
    /** On submit: shows every error; true when there is none. */
    passes: () => {
      setSubmitted(true);
      const found = validate(read());
      setErrors(found);
      return Object.keys(found).length === 0;
    },
    /** After a successful submit that keeps the form open for the next entry. */
    reset: () => { setTouched(new Set()); setSubmitted(false); setErrors({}); },
  };
}
