import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';

/** GET `path` into state, with the refusal kept to show and a reload for after a change. */
export function useLoaded<T>(path: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const load = useCallback(() => {
    setError(null);
    api.get<T>(path).then(setData).catch(setError);
  }, [path]);
  useEffect(load, [load]);
  return { data, error, reload: load };
}

/** Status colours shared by the chains' lists and pages. */
export const STATUS_COLORS: Record<string, string> = {
  in_review: 'processing', in_force: 'success', approved: 'success', not_affordable: 'error', rejected: 'error', withdrawn: 'default',
};
