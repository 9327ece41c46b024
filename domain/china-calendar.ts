import { z } from 'zod';

/**
 * The county's one calendar: every date, month, fiscal year and report period is China Standard
 * Time (Asia/Shanghai, UTC+8, no daylight saving since 1991), whatever the server's zone, so work done
 * at 00:30 in China belongs to that China day. Pure: callers pass the instant (`now`) in.
 * Dates are 'YYYY-MM-DD', months 'YYYY-MM'.
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

/** 'YYYY-MM-DD HH:mm' in China time of an instant, for exports and e-mails. */
export const chinaDateTime = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 16);

/** The China month 'YYYY-MM' of an instant. */
export const chinaMonth = (ms: number): string => chinaDate(ms).slice(0, 7);

/** The fiscal year of an instant: the calendar year in China (DOMAIN.md "Fiscal year figures"). */
export const fiscalYearAt = (ms: number): number => Number(chinaDate(ms).slice(0, 4));

/** The fiscal year a China date belongs to. */
export const fiscalYearOfDate = (d: IsoDate): number => Number(d.slice(0, 4));

/** The instant fiscal year `year` ends and the next begins: 1 January 00:00 China time. */
export const fiscalYearEnd = (year: number): number => chinaTime(`${year + 1}-01-01`);

/** The report quarter (R-B8) of an instant, e.g. '2026-Q3'. */
export const chinaQuarter = (ms: number): string => {
  const [y, m] = chinaMonth(ms).split('-').map(Number);
  return `${y}-Q${Math.ceil(m / 3)}`;
};

/**
 * A PostgreSQL `date` column as read through Prisma (midnight UTC of that calendar day) back to
 * 'YYYY-MM-DD'. Only for date columns: an instant (timestamp) goes through `chinaDate`.
 */
export const dateColumn = (d: Date): IsoDate => fromUtcMs(d.getTime());

/** 'YYYY-MM-DD' as the value of a PostgreSQL `date` column. */
export const toDateColumn = (d: IsoDate): Date => new Date(utcMs(d));

/**
 * The fiscal year is never typed by a clerk: a request belongs to the China year it is filed in, a
 * loan to the year it is disbursed in. Input that still sends one is refused with this message.
 */
export const ZDerivedFiscalYear = z.undefined({
  error: '预算年度由系统按提交时的北京时间确定，不能填写 / the fiscal year is set from the China date of filing; do not send it',
}).optional();
