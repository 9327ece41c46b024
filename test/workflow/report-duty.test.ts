/**
 * A report's duty on the time-skipping server with stub activities: the deadline, the reminder, and a
 * late report escalating to the director (R-M4 record) and then the principal leaders, in seconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import type { ReportActivities } from '../../activities/reports';
import { reportDutyWorkflow, reportScheduledWorkflow, reportStateQuery, reportWorkflowId, submitReportUpdate } from '../../workflows/reports';
import { Actor, addMonths, chinaDate, chinaTime } from '../../domain';
import { timeSkippingSuite } from './loan-support';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleOption;
const track = timeSkippingSuite((e, b) => { env = e; bundle = b; });

const DAY = 86_400_000;
const officer: Actor = { userId: 'user-reviewer', roles: ['finance_reviewer'], unitId: null };
const clerk: Actor = { userId: 'user-clerk-edu', roles: ['dept_clerk'], unitId: 'unit-jyj' };

/** Stub activities keeping what the workflow asked for, stamped with the simulated time. */
function stubs(dueInDays: number) {
  const calls: { name: string; arg: unknown; at: number }[] = [];
  let start = 0;
  const now = async () => Number(await env.currentTimeMs());
  const activities: Partial<ReportActivities> = {
    async openReport(a) { start = await now(); calls.push({ name: 'openReport', arg: a, at: start }); return { reportId: `${a.kind}:${a.period}`, dueAt: start + dueInDays * DAY, status: 'due', responsibleOfficerId: officer.userId }; },
    async remindReport(a) { calls.push({ name: 'remindReport', arg: a, at: await now() }); },
    async escalateReport(a) { calls.push({ name: `escalate${a.level}`, arg: a, at: await now() }); },
    async submitReport(a) { calls.push({ name: 'submitReport', arg: a, at: await now() }); return { late: a.at > start + dueInDays * DAY }; },
  };
  /** Days after the opening each call was made, rounded. */
  const days = () => calls.map((c) => [c.name, Math.round((c.at - start) / DAY)]);
  return { activities, calls, days };
}

async function run<T>(s: ReturnType<typeof stubs>, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `report-test-${randomBytes(5).toString('hex')}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: s.activities });
  return worker.runUntil(fn(taskQueue));
}

describe('a report’s deadline (R-M1, R-M4)', () => {
  it('R-M1: a monthly report submitted before its deadline is reminded once and never escalated', async () => {
    const s = stubs(4); // run on the 1st, due at the end of the 5th
    await run(s, async (taskQueue) => {
      const handle = await env.client.workflow.start(reportDutyWorkflow, { workflowId: `report-operations-ontime-${randomBytes(3).toString('hex')}`, taskQueue, args: [{ kind: 'operations', period: '2026-10', timing: { remindDaysBefore: 1, leadersAfterDays: 3 } }] });
      track(handle);
      await env.sleep(3.25 * DAY); // after the reminder, before the deadline
      const refused = await handle.executeUpdate(submitReportUpdate, { args: [{ actor: clerk }] }).then(() => undefined, (e: { cause?: Error }) => e.cause);
      expect(refused?.message).toContain('responsible officer');
      expect(await handle.executeUpdate(submitReportUpdate, { args: [{ actor: officer, note: '已报送' }] })).toEqual({ late: false });
      expect(await handle.result()).toEqual({ late: false });
      await env.sleep(30 * DAY);
      expect(s.days()).toEqual([['openReport', 0], ['remindReport', 3], ['submitReport', 3]]);
    });
  });

  it('R-M4: a late report escalates to the director at its deadline and to the principal leaders days later, until submitted', async () => {
    const s = stubs(4);
    await run(s, async (taskQueue) => {
      const handle = await env.client.workflow.start(reportDutyWorkflow, { workflowId: `report-operations-late-${randomBytes(3).toString('hex')}`, taskQueue, args: [{ kind: 'operations', period: '2026-10', timing: { remindDaysBefore: 1, leadersAfterDays: 3 } }] });
      track(handle);
      await env.sleep(20 * DAY); // nobody submits for most of a month
      expect(s.days()).toEqual([['openReport', 0], ['remindReport', 3], ['escalate1', 4], ['escalate2', 7]]);
      expect(await handle.query(reportStateQuery)).toMatchObject({ status: 'due', escalation: 2 });
      expect(await handle.executeUpdate(submitReportUpdate, { args: [{ actor: officer }] })).toEqual({ late: true });
      expect(await handle.result()).toEqual({ late: true });
      expect(s.calls.filter((c) => c.name.startsWith('escalate'))).toHaveLength(2);
    });
  });

  it('R-M1 / R-M4: the run the Schedule starts at 01:00 on the 1st (China time) opens the month just ended, which escalates once late', async () => {
    const s = stubs(4);
    // the time-skipping server has no Schedules (see test/api/report-schedules.test.ts): start the workflow the Schedule starts, at its time
    const now = Number(await env.currentTimeMs());
    const firstOfNext = addMonths(`${chinaDate(now).slice(0, 7)}-01`, 1);
    await env.sleep(chinaTime(firstOfNext, 1) - now);
    const ended = addMonths(firstOfNext, -1).slice(0, 7);
    await run(s, async (taskQueue) => {
      const handle = await env.client.workflow.start(reportScheduledWorkflow, { workflowId: `report-scheduled-${randomBytes(3).toString('hex')}`, taskQueue, args: [{ kind: 'operations', timing: { remindDaysBefore: 1, leadersAfterDays: 3 } }] });
      expect(await handle.result()).toBe(ended);
      const duty = env.client.workflow.getHandle(reportWorkflowId('operations', ended));
      track(duty);
      await env.sleep(10 * DAY); // the 5th passes with nothing submitted
      expect(s.calls[0].arg).toMatchObject({ kind: 'operations', period: ended, workflowId: reportWorkflowId('operations', ended) });
      expect(chinaDate(s.calls[0].at)).toBe(firstOfNext);
      expect(s.days()).toEqual([['openReport', 0], ['remindReport', 3], ['escalate1', 4], ['escalate2', 7]]);
      expect(await duty.executeUpdate(submitReportUpdate, { args: [{ actor: officer }] })).toEqual({ late: true });
    });
  });
});
