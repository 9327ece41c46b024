/** R-B7 onward deadlines and R-M4 risk-event report deadlines on the time-skipping server, with stub activities. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import type { TransferActivities } from '../../activities/transfers';
import type { RiskEventActivities } from '../../activities/risk-events';
import { allocateTransferUpdate, transferWorkflow } from '../../workflows/transfers';
import { reportRiskEventUpdate, closeRiskEventUpdate, riskEventWorkflow } from '../../workflows/risk-events';
import { Actor, subYuan } from '../../domain';
import { timeSkippingSuite } from './loan-support';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleOption;
const track = timeSkippingSuite((e, b) => { env = e; bundle = b; });

const DAY = 86_400_000;
const HOUR = 3_600_000;
const reviewer: Actor = { userId: 'user-reviewer', roles: ['finance_reviewer'], unitId: null };

function recorder() {
  const calls: { name: string; at: number }[] = [];
  let start = 0;
  const now = async () => Number(await env.currentTimeMs());
  return {
    calls,
    async begin() { start = await now(); return start; },
    async log(name: string) { calls.push({ name, at: await now() }); },
    /** each call's time after the start, in `unit`s, rounded */
    after(unit: number) { return calls.map((c) => [c.name, Math.round((c.at - start) / unit)]); },
  };
}

async function run<T>(activities: object, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `duty-test-${randomBytes(5).toString('hex')}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
  return worker.runUntil(fn(taskQueue));
}

describe('duty deadlines', () => {
  it('R-B7: a transfer is reminded 7 days and 1 day before its deadline, then escalates to the director and the leaders until passed on', async () => {
    const r = recorder();
    let left = '300000.00';
    const activities: Partial<TransferActivities> = {
      async readTransfer({ transferId }) { const t0 = await r.begin(); return { transferId, documentNumber: '甘财农〔2026〕12号', deadlineAt: t0 + 10 * DAY, left, large: false }; },
      async remindTransfer({ daysBefore }) { await r.log(`remind${daysBefore}`); },
      async escalateTransfer({ level }) { await r.log(`escalate${level}`); },
      async recordTransferAllocation(a) { await r.log('allocate'); left = subYuan(left, a.amount); return { left, replayed: false }; },
    };
    await run(activities, async (taskQueue) => {
      const handle = await env.client.workflow.start(transferWorkflow, { workflowId: `transfer-t-${randomBytes(3).toString('hex')}`, taskQueue, args: [{ transferId: 't1', timing: { remindDaysBefore: 1, leadersAfterDays: 3 } }] });
      track(handle);
      await env.sleep(20 * DAY);
      expect(r.after(DAY)).toEqual([['remind7', 3], ['remind1', 9], ['escalate1', 10], ['escalate2', 13]]);
      expect(await handle.executeUpdate(allocateTransferUpdate, { args: [{ actor: reviewer, unitId: 'unit-jyj', amount: '300000.00', reference: 'R1', allocatedOn: '2026-12-01' }] })).toEqual({ left: '0.00', replayed: false });
      expect(await handle.result()).toEqual({ late: true });
    });
  });

  it('R-M4: a risk event not reported within its hours is flagged 从重问责 at the deadline, once', async () => {
    const r = recorder();
    const activities: Partial<RiskEventActivities> = {
      async readRiskEvent({ eventId }) { const t0 = await r.begin(); return { eventId, reportDueAt: t0 + 24 * HOUR, reported: false, closed: false }; },
      async flagLateRiskReport() { await r.log('flagLate'); },
      async reportRiskEvent() { await r.log('report'); return { late: true }; },
      async closeRiskEvent() { await r.log('close'); },
    };
    await run(activities, async (taskQueue) => {
      const handle = await env.client.workflow.start(riskEventWorkflow, { workflowId: `risk-t-${randomBytes(3).toString('hex')}`, taskQueue, args: [{ eventId: 'e1' }] });
      track(handle);
      await env.sleep(30 * HOUR);
      expect(r.after(HOUR)).toEqual([['flagLate', 24]]);
      const refused = await handle.executeUpdate(closeRiskEventUpdate, { args: [{ actor: reviewer, note: '结案' }] }).then(() => undefined, (e: { cause?: Error }) => e.cause);
      expect(refused?.message).toContain('report the event before closing');
      expect(await handle.executeUpdate(reportRiskEventUpdate, { args: [{ actor: reviewer, note: '补报' }] })).toEqual({ late: true });
      await handle.executeUpdate(closeRiskEventUpdate, { args: [{ actor: reviewer, note: '结案' }] });
      expect(await handle.result()).toEqual({ late: true });
      expect(r.calls.filter((c) => c.name === 'flagLate')).toHaveLength(1);
    });
  });
});
