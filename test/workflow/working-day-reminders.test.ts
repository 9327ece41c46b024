/**
 * Reminders counted in Chinese working days (APPROVAL_REMIND_AFTER="1 working day"): the workflow
 * takes the calendar in its input and counts on its own clock, so replay waits the same.
 *
 * The time-skipping server starts at today's real time and only moves forward, and the 2026 国庆
 * holiday is already behind us. So the test lays the 2026 notice onto 2037, whose calendar has the
 * same weekdays on every date (both years begin on a Thursday and are not leap years): 国庆 Thu 1 –
 * Wed 7 October, 调休 working Saturday 10 October, exactly as the State Council set them for 2026.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CHINA_WORKING_DAY_CALENDAR, chinaDate, chinaDateTime, chinaTime, type WorkingDayCalendar } from '../../domain';
import { createTimeSkippingEnv, stubActivities, waitUntil, withBudgetRequest } from './budget-harness';

const NOTICE_2026 = CHINA_WORKING_DAY_CALENDAR.years['2026'];
const CALENDAR_2037: WorkingDayCalendar = {
  years: { 2037: JSON.parse(JSON.stringify(NOTICE_2026).replaceAll('2026-', '2037-')) as typeof NOTICE_2026 },
};

let clock: TestWorkflowEnvironment;
beforeAll(async () => { clock = await createTimeSkippingEnv(); });
afterAll(async () => { await clock?.teardown(); });

test('a task opened on the last working day before 国庆, reminded after 1 working day, is reminded on the first working day after the holiday', async () => {
  // Wednesday 30 September, 10:00 China time: the last working day before the holiday (Friday the 25th is 中秋 in the 2026 notice)
  const opening = chinaTime('2037-09-30', 10);
  await clock.sleep(opening - (await clock.currentTimeMs()));
  const stubs = stubActivities();
  await withBudgetRequest(clock, stubs, async (r) => {
    await r.opened('finance_review');
    const remindedOn = () => stubs.reminders().filter((c) => c.outcome === 'ok').map((c) => chinaDateTime(c.scheduledAt));

    // through the whole holiday (1–7 October) and into the morning of Thursday the 8th: nothing
    await clock.sleep(chinaTime('2037-10-08', 9) - (await clock.currentTimeMs()));
    await new Promise((res) => setTimeout(res, 300));
    expect(remindedOn()).toEqual([]);

    // 10:00 on Thursday 8 October, the first working day after it
    await clock.sleep('2 hours');
    await waitUntil(() => remindedOn().length === 1, 'the reminder after the holiday');
    expect(chinaDate((await clock.currentTimeMs()))).toBe('2037-10-08');
    expect(remindedOn()[0].slice(0, 13)).toBe('2037-10-08 10');

    // then one working day at a time: Friday the 9th, and the 调休 working Saturday the 10th
    await clock.sleep('2 days');
    await waitUntil(() => remindedOn().length === 3, 'the next two reminders');
    expect(remindedOn().map((t) => t.slice(0, 10))).toEqual(['2037-10-08', '2037-10-09', '2037-10-10']);
  }, { remindAfter: { workingDays: 1, calendar: CALENDAR_2037 } });
});
