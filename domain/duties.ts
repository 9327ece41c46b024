import { z } from 'zod';
import { addDays, addMonths, chinaTime, IsoDate } from './china-calendar';
import { toFen, ZPositiveYuan, Yuan } from './money';
import { RULES, type RuleId } from './rules';
import { addWorkingDays, CHINA_WORKING_DAY_CALENDAR, type WorkingDayCalendar } from './working-days';
import { afterWorkingDays, parseWorkInterval } from './work-interval';

/**
 * The plan's duties with deadlines (R-M1, R-B8, R-M2, R-B7, R-M4): which report answers which rule,
 * its periods in China time, and the settings a county can change. Pure: no clock, no I/O.
 */
export const REPORT_KINDS = ['operations', 'execution', 'position', 'transfer'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const ZReportKind = z.enum(REPORT_KINDS);
/** The kinds a Temporal Schedule runs every period; a transfer notice is opened by its transfer (R-B7). */
export const SCHEDULED_REPORT_KINDS = ['operations', 'execution', 'position'] as const satisfies readonly ReportKind[];
export type ScheduledReportKind = (typeof SCHEDULED_REPORT_KINDS)[number];

export const REPORT_RULE: Record<ReportKind, RuleId> = { operations: 'R-M1', execution: 'R-B8', position: 'R-M2', transfer: 'R-B7' };
export const REPORT_TITLE: Record<ReportKind, { zh: string; en: string }> = {
  operations: { zh: '保基层运转情况月报', en: 'Monthly report on keeping grassroots government running' },
  execution: { zh: '预算收支执行情况季度报告', en: 'Quarterly budget execution report' },
  position: { zh: '债务、暂付款及库款保障情况报告', en: 'Debt, advances and treasury cash position report' },
  transfer: { zh: '上级专项资金（金额较大）报告', en: 'Report on a large special transfer from above' },
};
/** Who a report goes to, as the plan names them. */
export const REPORT_ADDRESSEES: Record<ReportKind, string> = {
  operations: '省州财政部门', execution: '县委、县政府、县人大', position: '县委县政府', transfer: '县委、县政府',
};

/** A scheduled report's period: 'YYYY-MM' (monthly) or 'YYYY-Qn' (R-B8). */
export const periodPattern = (kind: ScheduledReportKind): RegExp => (kind === 'execution' ? /^\d{4}-Q[1-4]$/ : /^\d{4}-(0[1-9]|1[0-2])$/);

/** The China dates a period covers: from `start` up to (not including) `end`. */
export function periodBounds(kind: ScheduledReportKind, period: string): { start: IsoDate; end: IsoDate } {
  if (kind === 'execution') {
    const [y, q] = period.split('-Q').map(Number);
    const start = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    return { start, end: addMonths(start, 3) };
  }
  const start = `${period}-01`;
  return { start, end: addMonths(start, 1) };
}

/** The period that ended most recently on China date `today` (what a run on the 1st reports on). */
export function periodBefore(kind: ScheduledReportKind, today: IsoDate): string {
  const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  if (kind !== 'execution') return lastMonth;
  const [y, m] = lastMonth.split('-').map(Number);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

/** A period in a report's own words, e.g. '2026年10月' or '2026年第3季度'. */
export const periodLabel = (kind: ReportKind, period: string): string =>
  kind === 'execution' ? period.replace(/^(\d{4})-Q(\d)$/, '$1年第$2季度') : kind === 'transfer' ? period : period.replace(/^(\d{4})-(\d{2})$/, (_m, y, mm) => `${y}年${Number(mm)}月`);

/**
 * A duty's days (a report's deadline, a transfer's onward days, the reminder before a deadline): a
 * number counts calendar days; "5 working days" / "5 工作日" counts Chinese working days in the
 * configured calendar, as APPROVAL_REMIND_AFTER and NUDGE_INTERVAL do (domain/work-interval.ts).
 */
export type DutyDays = number | string;

/** The working days a setting names; undefined when it counts calendar days (or is not a working-day text). */
export function workingDaysOf(v: DutyDays): number | undefined {
  if (typeof v === 'number') return undefined;
  const parsed = parseWorkInterval(v);
  return parsed && 'workingDays' in parsed ? parsed.workingDays : undefined;
}

/** A duty-days setting: whole calendar days `min`–`max`, or "N working days" / "N 工作日" with N from 1 to `max`. */
const zDutyDays = (min: number, max: number) => z.union([
  z.number().int().min(min).max(max),
  z.string().refine(
    (s) => (workingDaysOf(s) ?? 0) >= 1 && workingDaysOf(s)! <= max,
    `须为天数（${min}–${max}）或"N working days"/"N 工作日"（N 为 1–${max}） / a number of days (${min}–${max}) or "N working days" / "N 工作日" (N from 1 to ${max})`,
  ),
]);

/** The working days of a validated setting's text (a text that names none is a programming error). */
function workingDaysIn(days: string): number {
  const n = workingDaysOf(days);
  if (n === undefined) throw new Error(`not a number of days or of working days: ${days}`);
  return n;
}

/** The China date `days` after `d`: calendar days, or working days counted in `cal`. */
export function addDutyDays(cal: WorkingDayCalendar, d: IsoDate, days: DutyDays): IsoDate {
  return typeof days === 'number' ? addDays(d, days) : addWorkingDays(cal, d, workingDaysIn(days));
}

/**
 * When a report run on China date `runOn` is due: the end (24:00 China time) of its last day, `dueDays`
 * (calendar or working days, the latter in `cal`: pass the configured one) after it.
 */
export const reportDueAt = (runOn: IsoDate, dueDays: DutyDays, cal: WorkingDayCalendar = CHINA_WORKING_DAY_CALENDAR): number => chinaTime(addDays(addDutyDays(cal, runOn, dueDays), 1));

/** How many days before a deadline its reminder goes, as a workflow takes it: calendar days, or working days with their calendar (workflows cannot read files). */
export type DaysBefore = number | { workingDays: number; calendar: WorkingDayCalendar };

/** The setting as a workflow's input: the number as it was, or the working days with the calendar to count them. */
export function daysBeforeInput(days: DutyDays, cal: WorkingDayCalendar): DaysBefore {
  return typeof days === 'number' ? days : { workingDays: workingDaysIn(days), calendar: cal };
}

/** The instant a reminder `before` a deadline falls due: that many calendar days, or working days (the same China clock time), earlier. */
export const remindInstant = (dueAt: number, before: DaysBefore): number =>
  (typeof before === 'number' ? dueAt - before * 86_400_000 : afterWorkingDays(before.calendar, dueAt, -before.workingDays));

/** Whether a reminder is asked for at all (0 days before: none). */
export const remindsBefore = (before: DaysBefore): boolean => (typeof before === 'number' ? before > 0 : before.workingDays > 0);

/** Whether an instant lies before a deadline: a duty done at or before it is on time. */
export const onTime = (doneAt: number, dueAt: number): boolean => doneAt <= dueAt;

const ZCalendar = z.object({ dayOfMonth: z.number().int().min(1).max(28), hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) });
const ZReportSetting = z.object({
  /** when the Schedule runs (China time); the quarterly report runs in the month after each quarter */
  calendar: ZCalendar,
  /** days after the run the report is due (the whole last day counts): a number, or "5 working days" / "5 工作日" */
  dueDays: zDutyDays(0, 60),
  /** e-mail addresses outside the system the report goes to, beside the users of `recipientRoles` */
  recipients: z.array(z.string().email()),
  recipientRoles: z.array(z.string()),
});

/** Everything a county may set about its duties; DUTIES_FILE (JSON) overrides any part of the defaults. */
export const ZDutySettings = z.object({
  reports: z.object({ operations: ZReportSetting, execution: ZReportSetting, position: ZReportSetting, transfer: ZReportSetting.omit({ calendar: true }) }),
  /** the responsible officer's username; default: the first finance reviewer */
  responsibleOfficer: z.string().optional(),
  /** days before a deadline the responsible officer is reminded: a number, or "1 working day" / "1 工作日" */
  remindDaysBefore: zDutyDays(0, 30),
  /** days after the director's escalation that a still-late duty goes to the principal leaders */
  leadersAfterDays: z.number().int().min(1).max(60),
  /** R-B7: days to pass a transfer on when its document sets no deadline: a number, or "20 working days" / "20 工作日" */
  transferOnwardDays: zDutyDays(1, 365),
  /** R-B7: 金额较大 — transfers of at least this amount are reported to 县委、县政府 */
  transferLargeAmount: ZPositiveYuan,
  /** R-M4: hours within which a risk event is reported */
  riskReportHours: z.number().int().min(1).max(720),
});
export type DutySettings = z.infer<typeof ZDutySettings>;

/** The defaults the issue gives: R-M1 runs on the 1st and is due on the 5th; R-B8 due 10 days after the quarter; R-M2 monthly. */
export const DEFAULT_DUTY_SETTINGS: DutySettings = {
  reports: {
    operations: { calendar: { dayOfMonth: 1, hour: 1, minute: 0 }, dueDays: 4, recipients: ['province-finance@finance.county.local', 'prefecture-finance@finance.county.local'], recipientRoles: ['finance_director'] },
    execution: { calendar: { dayOfMonth: 1, hour: 1, minute: 10 }, dueDays: 9, recipients: [], recipientRoles: ['leader_principal', 'leader_in_charge', 'npc_liaison'] },
    position: { calendar: { dayOfMonth: 1, hour: 1, minute: 20 }, dueDays: 9, recipients: [], recipientRoles: ['leader_principal', 'leader_in_charge'] },
    transfer: { dueDays: 5, recipients: [], recipientRoles: ['leader_principal', 'leader_in_charge'] },
  },
  remindDaysBefore: 1,
  leadersAfterDays: 3,
  transferOnwardDays: 30,
  transferLargeAmount: '5000000.00',
  riskReportHours: 24,
};

/** R-B7: whether a transfer is large enough (金额较大) to be reported to 县委、县政府. */
export const isLargeTransfer = (amount: Yuan, s: Pick<DutySettings, 'transferLargeAmount'>): boolean => toFen(amount) >= toFen(s.transferLargeAmount);

/** The months a scheduled report runs in: every month, or (R-B8) the month after each quarter. */
export const scheduleMonths = (kind: ScheduledReportKind): number[] | undefined => (kind === 'execution' ? [1, 4, 7, 10] : undefined);

/** R-M4 risk event kinds (保运转风险事件) and whether the province and prefecture are told too. */
export const RISK_KINDS = {
  wage_arrears: { zh: '欠发工资风险', en: 'Wage arrears risk', upper: true },
  payment_risk: { zh: '支付风险', en: 'Payment risk', upper: true },
  treasury_shortfall: { zh: '库款短缺', en: 'Treasury cash shortfall', upper: true },
  other: { zh: '其他', en: 'Other', upper: false },
} as const;
export type RiskKind = keyof typeof RISK_KINDS;
export const ZRiskKind = z.enum(Object.keys(RISK_KINDS) as [RiskKind, ...RiskKind[]]);

/** R-B7 issuing levels of a transfer. */
export const ISSUING_LEVELS = { central: '中央', provincial: '省级', prefecture: '州级' } as const;
export const ZIssuingLevel = z.enum(['central', 'provincial', 'prefecture']);

/**
 * 库款保障水平 (R-M2): the treasury cash balance ÷ the average monthly 三保 spending, in months to two
 * decimals, rounded down (a level shown higher than it is would hide a risk). Null when nothing is recorded.
 */
export function cashCoverage(cash: Yuan, monthlySpending: Yuan[]): string | null {
  if (!monthlySpending.length) return null;
  const total = monthlySpending.reduce((s, v) => s + toFen(v), 0n);
  if (total <= 0n) return null;
  const hundredths = (toFen(cash) * 100n * BigInt(monthlySpending.length)) / total;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** Days overdue of a loan due on `due`, seen on `asOf`, in the ageing bands the R-M1 report prints. */
export function ageingBand(daysOverdue: number): '1-30' | '31-90' | '91+' {
  return daysOverdue <= 30 ? '1-30' : daysOverdue <= 90 ? '31-90' : '91+';
}

/** The finance bureau's own staff: they record transfers and risk events and report them. */
export const BUREAU_STAFF = ['finance_reviewer', 'finance_director', 'treasury_officer'] as const;

/** R-M2 重点单位监控: the flag a monitored unit's requests, loans and risk events carry in every list. */
export const KEY_UNIT_FLAG = { ruleId: 'R-M2', zh: '重点单位', en: 'Key unit', rule: RULES['R-M2'].zh } as const;
/** The key-unit flag of a subject read with its unit (none when the unit was not read). */
export const keyUnitFlags = (unit?: { monitored?: boolean } | null) => (unit?.monitored ? [KEY_UNIT_FLAG] : []);
