import { Client, ScheduleAlreadyRunning } from '@temporalio/client';
import { ADVANCES_DAILY_SCHEDULE } from '../workflows/advances-daily';
import { YEAR_TURN_SCHEDULE } from '../workflows/year-turn';
import { reportSchedules } from './report-schedules';
import { DEFAULT_DUTY_SETTINGS, DutySettings, type WorkingDayCalendar } from '../domain';

/** The county's clock in Temporal: every schedule fires in China time, whatever the servers' zone. */
export const COUNTY_TIMEZONE = 'Asia/Shanghai';

/**
 * Creates the county's Temporal Schedules once (a second start finds them and changes nothing):
 * the advances balance and reduction-plan check at 00:30 every China day (R-L11), and the year turn
 * at 00:05 on 1 January China time (R-B11). Their workflows run on `taskQueue`.
 */
export async function ensureSchedules(client: Client, taskQueue: string, idSuffix = '', duties: DutySettings = DEFAULT_DUTY_SETTINGS, calendar?: WorkingDayCalendar): Promise<void> {
  const schedules = [
    { scheduleId: `${ADVANCES_DAILY_SCHEDULE}${idSuffix}`, workflowType: 'advancesDailyWorkflow', calendars: [{ hour: 0, minute: 30 }] },
    { scheduleId: `${YEAR_TURN_SCHEDULE}${idSuffix}`, workflowType: 'yearTurnScheduledWorkflow', calendars: [{ month: 'JANUARY' as const, dayOfMonth: 1, hour: 0, minute: 5 }] },
  ];
  for (const s of schedules) {
    try {
      await client.schedule.create({
        scheduleId: s.scheduleId,
        spec: { calendars: s.calendars, timezone: COUNTY_TIMEZONE },
        action: { type: 'startWorkflow', workflowType: s.workflowType, taskQueue, args: [] },
        policies: { overlap: 'SKIP', catchupWindow: '1 day' },
      });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    }
  }
  await reportSchedules(client, taskQueue, idSuffix, duties, calendar);
}
