import { useRef } from 'react';
import { useSearchParams } from 'react-router-dom';

export const LIST_PAGE_SIZE = 20;

/**
 * A list's page, kept in the address (`?page=2`) with its filters, and the filters without it: what
 * the API's count, sums and Excel export get. The server pages (limit/offset), so what is shown, summed
 * and exported is one and the same filtered list however long it is.
 */
export function useListPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = new URLSearchParams(params);
  filters.delete('page');
  const setPage = (n: number) => {
    const p = new URLSearchParams(params);
    if (n > 1) p.set('page', String(n)); else p.delete('page');
    setParams(p);
  };
  return { filters: filters.toString(), page, setPage, pageSize: LIST_PAGE_SIZE, pageQuery: `limit=${LIST_PAGE_SIZE}&offset=${(page - 1) * LIST_PAGE_SIZE}` };
}

/**
 * Applies only the answer to the latest load: when filters change quickly, a slower answer to an
 * earlier filter never replaces the list asked for last.
 */
export function useLatestLoad() {
  const seq = useRef(0);
  return <T>(answer: Promise<T>, apply: (value: T) => void, fail: (e: Error) => void) => {
    const mine = ++seq.current;
    answer.then((v) => { if (mine === seq.current) apply(v); }, (e: Error) => { if (mine === seq.current) fail(e); });
  };
}
