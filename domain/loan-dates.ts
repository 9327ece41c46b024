import { z } from 'zod';

/**
 * Calendar dates of the loan side ('YYYY-MM-DD'), in China Standard Time (UTC+8, no daylight
 * saving), so "the due date" means the same day for the county and for the server.
 */
export type IsoDate = string;

const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export const isIsoDate = (s: string): boolean => DATE_PATTERN.test(s) && toUtcMs(s) !== undefined;

/** zod schema of a calendar date 'YYYY-MM-DD' that exists (no 2026-02-30). */
export const ZIsoDate = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');

function toUtcMs(d: IsoDate): number | undefined {
  const [y, m, day] = d.split('-').map(Number);
  const ms = Date.UTC(y, m - 1, day);
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}
const utcMs = (d: IsoDate): number => {
  const ms = toUtcMs(d);
  if (ms === undefined || !DATE_PATTERN.test(d)) throw new Error(`not a date: ${d}`);
  return ms;
};
const fromUtcMs = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/** The calendar day in China of an instant (milliseconds since the epoch). */
export const chinaDate = (ms: number): IsoDate => fromUtcMs(ms + CHINA_OFFSET_MS);

/** The instant of `hour`:00 China time on day `d`. */
export const chinaTime = (d: IsoDate, hour = 0): number => utcMs(d) - CHINA_OFFSET_MS + hour * 3600_000;

export const addDays = (d: IsoDate, n: number): IsoDate => fromUtcMs(utcMs(d) + n * DAY_MS);

/** `d` plus `n` months; a day that does not exist in the target month becomes its last day (01-31 + 1 → 02-28). */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = d.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtcMs(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay)));
}

/** One year after `d` (02-29 → 02-28): the latest due date R-L4 allows for a loan disbursed on `d`. */
export const oneYearAfter = (d: IsoDate): IsoDate => addMonths(d, 12);

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: IsoDate, b: IsoDate): number => Math.round((utcMs(b) - utcMs(a)) / DAY_MS);
