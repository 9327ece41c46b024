import { Client, ScheduleAlreadyRunning } from '@temporalio/client';
import { DutySettings, SCHEDULED_REPORT_KINDS, scheduleMonths, ScheduledReportKind, type WorkingDayCalendar } from '../domain';
import { reportScheduleId, timingOf } from '../workflows/reports';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

/** The Schedule spec of a report in China time: its day and hour every month, or (R-B8) in the month after each quarter. */
export function reportScheduleSpec(kind: ScheduledReportKind, duties: DutySettings) {
  const { dayOfMonth, hour, minute } = duties.reports[kind].calendar;
  const months = scheduleMonths(kind);
  return {
    calendars: [{ dayOfMonth, hour, minute, ...(months ? { month: months.map((m) => MONTHS[m - 1]) } : {}) }],
    timezone: 'Asia/Shanghai',
  };
}

/**
 * The reports' Temporal Schedules (R-M1, R-B8, R-M2): created once; on a later start with other
 * settings the spec and the workflow's input are updated, so a changed calendar or deadline applies.
 */
export async function reportSchedules(client: Client, taskQueue: string, idSuffix: string, duties: DutySettings, calendar?: WorkingDayCalendar): Promise<void> {
  for (const kind of SCHEDULED_REPORT_KINDS) {
    const scheduleId = `${reportScheduleId(kind)}${idSuffix}`;
    const spec = reportScheduleSpec(kind, duties);
    const action = { type: 'startWorkflow' as const, workflowType: 'reportScheduledWorkflow', taskQueue, args: [{ kind, timing: timingOf(duties, calendar) }] };
    try {
      await client.schedule.create({ scheduleId, spec, action, policies: { overlap: 'SKIP', catchupWindow: '1 day' } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action }));
    }
  }
}
