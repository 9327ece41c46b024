import { allHandlersFinished, ApplicationFailure, condition, defineQuery, defineUpdate, proxyActivities, setHandler, startChild, uuid4, workflowInfo } from '@temporalio/workflow';
import type { OpenedReport, ReportActivities } from '../activities/reports';
import {
  Actor, BUREAU_STAFF, chinaDate, CHINA_WORKING_DAY_CALENDAR, DaysBefore, daysBeforeInput, DEFAULT_DUTY_SETTINGS, DutySettings, hasRole, periodBefore, remindInstant, remindsBefore,
  ReportKind, ScheduledReportKind, WorkingDayCalendar,
} from '../domain';
import { MAIL_WORK, STEP_WORK, surfaceActivityRefusal, UNDER_LOCK } from './shared';

const acts = proxyActivities<ReportActivities>(STEP_WORK);
const mails = proxyActivities<ReportActivities>(MAIL_WORK);
const locked = proxyActivities<ReportActivities>(UNDER_LOCK);

/** The Temporal Schedule of each scheduled report kind (China time). */
export const reportScheduleId = (kind: ScheduledReportKind) => `report-${kind}`;
export const reportWorkflowId = (kind: ReportKind, period: string) => `report-${kind}-${period}`;

export interface SubmitReportArgs { actor: Actor; note?: string }
export const submitReportUpdate = defineUpdate<{ late: boolean }, [SubmitReportArgs]>('submitReport');
export const reportStateQuery = defineQuery<{ status: string; escalation: number; dueAt: number }>('reportState');

/** How the duty escalates once late: the director at the deadline, the principal leaders `leadersAfterDays` later. */
export interface ReportTiming { remindDaysBefore: DaysBefore; leadersAfterDays: number }

const DAY_MS = 86_400_000;

/**
 * One report's duty for a period (R-M1, R-B8, R-M2, or an R-B7 notice): opens it (figures, PDF,
 * workbook, the officer's "review and submit" task), reminds before the deadline, and once late
 * escalates to the director (writing the R-M4 record) and then to the principal leaders, until the
 * officer marks it submitted, which e-mails the recipients.
 */
export async function reportDutyWorkflow(input: { kind: ReportKind; period: string; timing?: ReportTiming }): Promise<{ late: boolean }> {
  const timing = input.timing ?? timingOf(DEFAULT_DUTY_SETTINGS);
  // Handlers first: a submission may arrive while the report is still being opened.
  let opened: OpenedReport | undefined;
  let status = 'opening';
  let escalation = 0;
  let outcome: { late: boolean } | undefined;
  const mayNotSubmit = (actor: Actor) => opened !== undefined && actor.userId !== opened.responsibleOfficerId && !hasRole(actor, 'finance_director');
  const wrongRole = () => refuse('wrong_role', 403, '报告由责任人或财政局局长报送 / only the responsible officer or the finance director submits the report');
  setHandler(reportStateQuery, () => ({ status, escalation, dueAt: opened?.dueAt ?? 0 }));
  setHandler(submitReportUpdate, async ({ actor, note }) => {
    await condition(() => opened !== undefined);
    if (mayNotSubmit(actor)) throw wrongRole();
    outcome = await locked.submitReport({ reportId: opened!.reportId, actorId: actor.userId, note, at: Date.now() }).catch(surfaceActivityRefusal);
    status = 'submitted';
    return outcome;
  }, {
    validator: ({ actor }: SubmitReportArgs) => {
      if (outcome) throw refuse('already_submitted', 409, '报告已报送 / the report is already submitted');
      if (!hasRole(actor, ...BUREAU_STAFF) || mayNotSubmit(actor)) throw wrongRole();
    },
  });

  opened = await acts.openReport({ kind: input.kind, period: input.period, workflowId: reportWorkflowId(input.kind, input.period), now: Date.now() });
  if (opened.status === 'submitted') return outcome ?? { late: false };
  status = outcome ? 'submitted' : opened.status;

  const remindAt = remindInstant(opened.dueAt, timing.remindDaysBefore);
  if (remindsBefore(timing.remindDaysBefore) && !(await submittedWithin(remindAt - Date.now()))) await mails.remindReport({ reportId: opened.reportId });
  if (!(await submittedWithin(opened.dueAt - Date.now()))) {
    await acts.escalateReport({ reportId: opened.reportId, level: 1 });
    escalation = 1;
    if (!(await submittedWithin(timing.leadersAfterDays * DAY_MS))) {
      await acts.escalateReport({ reportId: opened.reportId, level: 2 });
      escalation = 2;
    }
  }
  await condition(() => outcome !== undefined);
  await condition(allHandlersFinished);
  return outcome!;

  function submittedWithin(ms: number): Promise<boolean> {
    return condition(() => outcome !== undefined, Math.max(1, ms)); // a timer needs at least 1 ms
  }
}

const refuse = (code: string, status: number, message: string) =>
  ApplicationFailure.create({ type: 'DecisionRefused', nonRetryable: true, details: [{ code, status, message }], message });

/** The time a Schedule meant a run for: the server sets it (typed, Datetime) on every workflow a Schedule starts. */
const SCHEDULED_START = { name: 'TemporalScheduledStartTime', type: 'DATETIME' as const };

/**
 * What each report's Schedule starts: the duty of the period that has just ended (China time), under
 * its business key, once (a second firing or a hand-started run finds it). The period is taken from
 * the time the Schedule meant (a catch-up after downtime, or a backfill of past months, reports on
 * the period of its nominal time), or from now when the workflow is started by hand.
 */
export async function reportScheduledWorkflow(input: { kind: ScheduledReportKind; timing?: ReportTiming }): Promise<string> {
  const period = periodBefore(input.kind, chinaDate(workflowInfo().typedSearchAttributes.get(SCHEDULED_START)?.getTime() ?? Date.now()));
  await startDuty(input.kind, period, input.timing);
  return period;
}

/** On demand: another run of a period's figures and files; opens the period's duty if it has none. */
export async function reportRunWorkflow(input: { kind: ReportKind; period: string; requestedById: string; timing?: ReportTiming }): Promise<{ seq: number }> {
  const run = await acts.generateReportRun({ kind: input.kind, period: input.period, runId: uuid4(), requestedById: input.requestedById });
  if (run.seq > 0) return run;
  // No duty yet for this period: open it here (its first run), then let its own workflow watch the deadline.
  await acts.openReport({ kind: input.kind, period: input.period, workflowId: reportWorkflowId(input.kind, input.period), now: Date.now() });
  await startDuty(input.kind, input.period, input.timing);
  return { seq: 1 };
}

async function startDuty(kind: ReportKind, period: string, timing?: ReportTiming): Promise<void> {
  try {
    await startChild(reportDutyWorkflow, { workflowId: reportWorkflowId(kind, period), args: [{ kind, period, timing }], parentClosePolicy: 'ABANDON' });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
}

/** The duty timing from the settings, as the schedules and the API hand it to the workflows (working days with the configured calendar). */
export const timingOf = (s: Pick<DutySettings, 'remindDaysBefore' | 'leadersAfterDays'>, cal: WorkingDayCalendar = CHINA_WORKING_DAY_CALENDAR): ReportTiming => ({
  remindDaysBefore: daysBeforeInput(s.remindDaysBefore, cal), leadersAfterDays: s.leadersAfterDays,
});
