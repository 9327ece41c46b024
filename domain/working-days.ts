import { z } from 'zod';
import { addDays, daysBetween, type IsoDate, ZIsoDate } from './china-calendar';
import chinaCalendarFile from './calendars/china-2026-2027.json';

/**
 * Chinese working days (工作日): Monday to Friday, except public holidays, plus the 调休 weekends
 * the State Council declares working days. The calendar is data (a JSON file, replaceable by
 * configuration) handed to these pure functions, so a workflow can take it in its input and count
 * deadlines deterministically. Years the calendar does not list count weekends only; ask
 * `calendarCoverage` before relying on a date there.
 */
/** 0 = Sunday … 6 = Saturday, of a calendar date (no time zone involved). */
const weekday = (d: IsoDate): number => new Date(`${d}T00:00:00Z`).getUTCDay();
const isWeekend = (d: IsoDate): boolean => weekday(d) === 0 || weekday(d) === 6;

const ZHoliday = z.object({ name: z.string().min(1), from: ZIsoDate, to: ZIsoDate }).refine((h) => h.from <= h.to, 'from must not be after to');

const ZCalendarYear = z.object({
  /** 'official' from the State Council's notice; 'to_be_confirmed' until it is published */
  status: z.enum(['official', 'to_be_confirmed']),
  source: z.string().min(1),
  holidays: z.array(ZHoliday),
  workingWeekends: z.array(ZIsoDate),
});

export const ZWorkingDayCalendar = z.object({
  description: z.string().optional(),
  years: z.record(z.string().regex(/^\d{4}$/), ZCalendarYear),
}).superRefine((cal, ctx) => {
  for (const [year, y] of Object.entries(cal.years)) {
    const dates = [...y.holidays.flatMap((h) => [h.from, h.to]), ...y.workingWeekends];
    for (const d of dates) if (!d.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: ['years', year], message: `${d} is not in ${year}` });
    for (const d of y.workingWeekends) {
      if (!isWeekend(d)) ctx.addIssue({ code: 'custom', path: ['years', year, 'workingWeekends'], message: `${d} is not a Saturday or Sunday` });
      if (y.holidays.some((h) => h.from <= d && d <= h.to)) ctx.addIssue({ code: 'custom', path: ['years', year, 'workingWeekends'], message: `${d} is also a holiday` });
    }
  }
});

export type WorkingDayCalendar = z.infer<typeof ZWorkingDayCalendar>;
export type CalendarCoverage = 'official' | 'to_be_confirmed' | 'not_covered';

/** The calendar shipped with the product: 2026 from the State Council's notice, 2027 to be confirmed. */
export const CHINA_WORKING_DAY_CALENDAR: WorkingDayCalendar = ZWorkingDayCalendar.parse(chinaCalendarFile);

/** How far the calendar can be trusted on `d`'s year. */
export const calendarCoverage = (cal: WorkingDayCalendar, d: IsoDate): CalendarCoverage => cal.years[d.slice(0, 4)]?.status ?? 'not_covered';

/** The public holiday `d` falls in, if any (its name, e.g. 春节). */
export function holidayOn(cal: WorkingDayCalendar, d: IsoDate): string | undefined {
  return cal.years[d.slice(0, 4)]?.holidays.find((h) => h.from <= d && d <= h.to)?.name;
}

/** A working day: a 调休 working weekend, or a weekday that is not a public holiday. */
export function isWorkingDay(cal: WorkingDayCalendar, d: IsoDate): boolean {
  if (cal.years[d.slice(0, 4)]?.workingWeekends.includes(d)) return true;
  return !isWeekend(d) && holidayOn(cal, d) === undefined;
}

/**
 * The date `n` working days after `d` (`n` < 0: before). `d` itself is not counted, so 0 gives `d`.
 * "Within 5 working days of filing on a Friday" ends on the following Friday, holidays skipped.
 */
export function addWorkingDays(cal: WorkingDayCalendar, d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`working days must be whole: ${n}`);
  const step = n < 0 ? -1 : 1;
  let date = d;
  for (let left = Math.abs(n); left > 0;) {
    date = addDays(date, step);
    if (isWorkingDay(cal, date)) left -= 1;
  }
  return date;
}

/**
 * Working days after `from` up to and including `to` (negative when `to` is earlier), so that
 * `addWorkingDays(cal, from, workingDaysBetween(cal, from, to)) === to` whenever `to` is a working day.
 */
export function workingDaysBetween(cal: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  const span = daysBetween(from, to);
  const [a, b, sign] = span >= 0 ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let date = addDays(a, 1); date <= b; date = addDays(date, 1)) if (isWorkingDay(cal, date)) count += 1;
  return sign * count;
}

/** `d` if it is a working day, else the first working day after it (a deadline falling on a holiday moves on). */
export const nextWorkingDay = (cal: WorkingDayCalendar, d: IsoDate): IsoDate => (isWorkingDay(cal, d) ? d : addWorkingDays(cal, d, 1));
