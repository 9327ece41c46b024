import { chinaDate, daysBetween } from './china-calendar';
import { addWorkingDays, type WorkingDayCalendar } from './working-days';

/**
 * An interval a county counts either on the clock ("4 hours", "3 days") or in Chinese working days
 * ("1 working day", "2 工作日"): reminders (APPROVAL_REMIND_AFTER) and the nudge interval
 * (NUDGE_INTERVAL). A working-day interval ends at the same China clock time on the n-th working
 * day after the start, so one opened on the last day before 国庆 ends on the first day after it.
 */
export type WorkInterval = { clock: string; ms: number } | { workingDays: number };

/** A reminder interval as a workflow takes it: a Temporal duration, or working days with the calendar to count them (workflows cannot read files). */
export type RemindAfter = string | number | { workingDays: number; calendar: WorkingDayCalendar };

const WORKING_DAYS = /^\s*(\d+)\s*(working\s+days?|工作日)\s*$/i;
const CLOCK = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)\s*$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const unitMs = (unit: string): number => UNIT_MS[/^ms|^milli/i.test(unit) ? 'ms' : unit[0].toLowerCase()];

/** Reads "1 working day" / "2 工作日" / "4 hours" / "3 days"; undefined for anything else (the configuration names the variable). */
export function parseWorkInterval(text: string): WorkInterval | undefined {
  const wd = WORKING_DAYS.exec(text);
  if (wd) return Number(wd[1]) > 0 ? { workingDays: Number(wd[1]) } : undefined;
  const clock = CLOCK.exec(text);
  return clock && Number(clock[1]) > 0 ? { clock: text.trim(), ms: Number(clock[1]) * unitMs(clock[2]) } : undefined;
}

const DAY_MS = 86_400_000;

/** The instant `n` working days after `fromMs`, at the same China clock time (China keeps no daylight saving). */
export function afterWorkingDays(cal: WorkingDayCalendar, fromMs: number, n: number): number {
  const start = chinaDate(fromMs);
  return fromMs + daysBetween(start, addWorkingDays(cal, start, n)) * DAY_MS;
}

/** How long a workflow waits before the next reminder, from `nowMs` (workflow time, so replay waits the same). */
export function reminderWait(remind: RemindAfter, nowMs: number): string | number {
  if (typeof remind !== 'object') return remind;
  return Math.max(1, afterWorkingDays(remind.calendar, nowMs, remind.workingDays) - nowMs);
}

/** A reminder setting for a workflow's input: the text as it was, or working days with the calendar. */
export function remindAfterInput(text: string, cal: WorkingDayCalendar): RemindAfter {
  const parsed = parseWorkInterval(text);
  return parsed && 'workingDays' in parsed ? { workingDays: parsed.workingDays, calendar: cal } : text;
}

/** Whole days and hours of a span, Chinese and English ("1天3小时" / "1 d 3 h"), at least one minute. */
export function spanText(ms: number): { zh: string; en: string } {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const zh = `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${m && !d ? `${m}分钟` : ''}` || '1分钟';
  const en = [d && `${d} d`, h && `${h} h`, m && !d && `${m} min`].filter(Boolean).join(' ') || '1 min';
  return { zh, en };
}
