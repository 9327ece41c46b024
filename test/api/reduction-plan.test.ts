/** R-L11 暂付款消化方案: milestones against the balance; a miss or a trend that will miss is e-mailed once. */
import { randomBytes } from 'node:crypto';
import { startStack, Stack } from '../support/stack';
import { addDays, chinaDate } from '../../domain';
import { ensureSchedules, COUNTY_TIMEZONE } from '../../main/schedules';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const today = chinaDate(Date.now());
const day = (n: number) => new Date(`${addDays(today, n)}T00:00:00Z`);
const TO_LEADERS = ['director@county.local', 'party_secretary@county.local', 'county_mayor@county.local'];

describe('the reduction plan (暂付款消化方案, R-L11)', () => {
  it('e-mails the finance director and the principal leaders once when a milestone is missed and when the trend will miss the next one', async () => {
    const director = await stack.as('director');
    // The opening stock is 1,000,000.00 today; the daily snapshots show it rising from 900,000.00 two months ago.
    expect((await director.post('/advances/opening-stock', {
      debtor: '县城投公司', debtorKind: 'enterprise', amount: '1000000.00', arisenOn: '2020-05-01', kind: 'irregular', responsibleOfficer: '张某', note: '',
    })).status).toBe(201);
    await stack.prisma.advancesSnapshot.createMany({
      data: [{ day: day(-60), outstanding: '900000.00' }, { day: day(-1), outstanding: '1000000.00' }],
    });
    const missed = await director.post('/advances/reduction-plan/milestones', { dueOn: addDays(today, -1), target: '500000.00', note: '第一阶段' });
    expect(missed.status).toBe(201);
    expect((await director.post('/advances/reduction-plan/milestones', { dueOn: addDays(today, 30), target: '800000.00' })).status).toBe(201);
    expect((await director.post('/advances/reduction-plan/milestones', { dueOn: addDays(today, 400), target: '0.00' })).status).toBe(201);
    expect((await (await stack.as('treasury')).post('/advances/reduction-plan/milestones', { dueOn: addDays(today, 9), target: '1.00' })).status).toBe(403);

    const check = await director.post('/advances/reduction-plan/check');
    expect(check.status).toBe(200);
    expect(check.body.result).toEqual({ day: today, balance: '1000000.00', missed: [addDays(today, -1)], atRisk: [addDays(today, 30)] });

    const mails = () => stack.smtp.received.filter((m) => m.subject.includes('暂付款消化方案'));
    const missMails = mails().filter((m) => m.subject.includes('目标未完成'));
    const riskMails = mails().filter((m) => m.subject.includes('预警'));
    expect(missMails.flatMap((m) => m.to).sort()).toEqual([...TO_LEADERS].sort());
    expect(riskMails.flatMap((m) => m.to).sort()).toEqual([...TO_LEADERS].sort());
    expect(missMails[0].text).toContain('R-L11');
    expect(missMails[0].text).toContain('1000000.00');
    // the trend: +100,000.00 over 60 days, so about +50,000.00 more in 30 days
    expect(riskMails[0].text).toContain('1050000.00');

    // The next day's run (or a retry) tells nobody twice.
    const before = mails().length;
    expect((await director.post('/advances/reduction-plan/check')).status).toBe(200);
    expect(mails()).toHaveLength(before);

    const plan = (await (await stack.as('auditor')).get('/advances/reduction-plan')).body;
    expect(plan.milestones.map((m: { status: string }) => m.status)).toEqual(['missed', 'at_risk', 'on_track']);
    expect(plan.history.at(-1)).toEqual({ day: today, outstanding: '1000000.00' });
    expect(plan.history[0]).toEqual({ day: addDays(today, -60), outstanding: '900000.00' });
    expect((await (await stack.as('clerk_edu')).get('/advances/reduction-plan')).status).toBe(403);
  });

  it('runs every day at 00:30 China time and opens the year turn at 00:05 on 1 January, as Temporal Schedules', async () => {
    const suffix = `-test-${randomBytes(4).toString('hex')}`;
    await ensureSchedules(stack.temporal, stack.taskQueue, suffix);
    await ensureSchedules(stack.temporal, stack.taskQueue, suffix); // a second start changes nothing
    try {
      const daily = await stack.temporal.schedule.getHandle(`advances-daily${suffix}`).describe();
      expect(daily.spec.timezone).toBe(COUNTY_TIMEZONE);
      expect(daily.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 0, end: 0, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
      expect(daily.action).toMatchObject({ type: 'startWorkflow', workflowType: 'advancesDailyWorkflow', taskQueue: stack.taskQueue });
      const turn = await stack.temporal.schedule.getHandle(`year-turn${suffix}`).describe();
      expect(turn.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }], dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
      // the next firing is 00:30 in Beijing (16:30 UTC)
      const next = daily.info.nextActionTimes[0];
      expect(next.toISOString().slice(11, 16)).toBe('16:30');
    } finally {
      await stack.temporal.schedule.getHandle(`advances-daily${suffix}`).delete();
      await stack.temporal.schedule.getHandle(`year-turn${suffix}`).delete();
    }
  });
});
