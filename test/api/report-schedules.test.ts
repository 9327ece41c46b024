/**
 * The reports' Temporal Schedules fired for real: the schedules `npm start` creates (main/report-schedules.ts)
 * are backfilled over two past months on the Temporal dev server, so the server's own calendar engine
 * decides when each one fires (Asia/Shanghai), and each firing opens its duty for the right period.
 * The time-skipping test server has no Schedules API (temporalio/sdk-java#1954: "we have no plans to do
 * this"); the deadlines and escalation are pinned there instead (test/workflow/report-duty.test.ts).
 */
import { randomBytes } from 'node:crypto';
import type { ScheduleDescription } from '@temporalio/client';
import { until } from '../support/until';
import { startStack, Stack } from '../support/stack';
import { addDays, addMonths, chinaDate, chinaDateTime, chinaTime, DEFAULT_DUTY_SETTINGS, periodLabel, REPORT_TITLE, reportDueAt } from '../../domain';
import { reportSchedules } from '../../main/report-schedules';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

/**
 * Two past months ending with a quarter's turn, far enough back that no other test runs their reports:
 * the Schedules fire on the 1st of `before` and of `turn` (China time).
 */
function pastQuarterTurn() {
  const thisMonth = `${chinaDate(Date.now()).slice(0, 7)}-01`;
  let turn = addMonths(thisMonth, -1);
  while (![1, 4, 7, 10].includes(Number(turn.slice(5, 7)))) turn = addMonths(turn, -1);
  const before = addMonths(turn, -1);
  const month = (d: string) => d.slice(0, 7);
  const quarterBefore = (() => { const q = addMonths(turn, -1); return `${q.slice(0, 4)}-Q${Math.ceil(Number(q.slice(5, 7)) / 3)}`; })();
  return { before, turn, periods: { first: month(addMonths(before, -1)), second: month(before), quarter: quarterBefore } };
}

/** The China date and time of a firing, e.g. '2026-10-01 01:10'. */
const china = (d: Date) => chinaDateTime(d.getTime());

type Action = ScheduleDescription['info']['recentActions'][number];

describe('the reports’ Schedules over a month (R-M1, R-B8, R-M2)', () => {
  it('R-M1 and R-M2 fire on the 1st of each month and R-B8 only at the quarter’s turn, China time, each opening its duty for the period just ended', async () => {
    const suffix = `-backfill-${randomBytes(4).toString('hex')}`;
    await reportSchedules(stack.temporal, stack.taskQueue, suffix, DEFAULT_DUTY_SETTINGS);
    const handles = (['operations', 'execution', 'position'] as const).map((k) => stack.temporal.schedule.getHandle(`report-${k}${suffix}`));
    const { before, turn, periods } = pastQuarterTurn();
    try {
      // Everything the calendars match from five days before the first 1st to five days after the turn
      const window = { start: new Date(chinaTime(addDays(before, -5))), end: new Date(chinaTime(addDays(turn, 5))), overlap: 'ALLOW_ALL' as const };
      for (const h of handles) await h.backfill([window]);

      const expected = { operations: 2, execution: 1, position: 2 };
      const actions: Record<string, Action[]> = {};
      for (const [i, kind] of (['operations', 'execution', 'position'] as const).entries()) {
        const d = await until(() => handles[i].describe(), (x) => x.info.recentActions.length >= expected[kind], 600);
        actions[kind] = [...d.info.recentActions].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
      }

      // R-M1 at 01:00 and R-M2 at 01:20 on the 1st of both months; R-B8 at 01:10 on the turn only
      expect(actions.operations.map((a) => china(a.scheduledAt))).toEqual([`${before} 01:00`, `${turn} 01:00`]);
      expect(actions.position.map((a) => china(a.scheduledAt))).toEqual([`${before} 01:20`, `${turn} 01:20`]);
      expect(actions.execution.map((a) => china(a.scheduledAt))).toEqual([`${turn} 01:10`]);

      // Each firing reports on the period that had just ended at its scheduled time (not today)
      const periodsOf = async (as: Action[]) => Promise.all(as.map((a) => stack.temporal.workflow.getHandle(a.action.workflow.workflowId).result()));
      expect(await periodsOf(actions.operations)).toEqual([periods.first, periods.second]);
      expect(await periodsOf(actions.execution)).toEqual([periods.quarter]);
      expect(await periodsOf(actions.position)).toEqual([periods.first, periods.second]);

      // ...and opened that period's duty: due, its files written, the officer asked to review and submit
      const ids = [`operations:${periods.first}`, `operations:${periods.second}`, `execution:${periods.quarter}`, `position:${periods.first}`, `position:${periods.second}`];
      const reports = await until(() => stack.prisma.report.findMany({ where: { id: { in: ids } }, include: { runs: true } }), (r) => r.length === ids.length && r.every((x) => x.runs.length === 1), 600);
      const officer = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer' } });
      const today = chinaDate(Date.now());
      for (const r of reports) {
        expect(r).toMatchObject({ status: 'due', responsibleOfficerId: officer.id, late: false });
        // opened long after the period's own deadline: the officer gets the configured days from today
        const days = DEFAULT_DUTY_SETTINGS.reports[r.kind as 'operations' | 'execution' | 'position'].dueDays;
        expect(r.dueAt.getTime()).toBe(reportDueAt(today, days));
        expect(r.runs[0].pdf.length).toBeGreaterThan(1000);
      }
      const asked = await until(async () => stack.smtp.received.filter((m) => m.to.includes(officer.email) && m.subject.startsWith('待审核报送')), (m) => m.length >= ids.length);
      expect(asked.map((m) => m.subject).join('\n')).toContain(`${REPORT_TITLE.execution.zh}（${periodLabel('execution', periods.quarter)}）`);

      // A second backfill of the same window finds the duties already open and changes nothing
      await handles[0].backfill([window]);
      await until(() => handles[0].describe(), (x) => x.info.recentActions.length >= 4, 600);
      expect(await stack.prisma.report.count({ where: { kind: 'operations', period: { in: [periods.first, periods.second] } } })).toBe(2);
      expect(await stack.prisma.reportRun.count({ where: { reportId: { in: ids } } })).toBe(ids.length);
    } finally {
      for (const h of handles) await h.delete().catch(() => undefined);
    }
  });
});
