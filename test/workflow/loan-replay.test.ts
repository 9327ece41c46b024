import { workflowTraceSinks } from '../../observability/tracing';
/**
 * Determinism guard: recorded histories of the loan workflow must replay against today's code.
 * A code change that would break running loans (a new activity ahead of a recorded timer, a
 * reordered step) fails here; guard such a change with `patched()` and record new histories.
 *
 * Record them again with: RECORD_LOAN_HISTORIES=1 npx jest test/workflow/loan-replay
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chinaDate } from '../../domain';
import { loanWorkflow } from '../../workflows/loan';
import { disbursementControlSignal, disburseUpdate, recordRepaymentUpdate } from '../../workflows/loan-messages';
import { approveAndDisburse, loanInput, newWorker, reviewer, secretary, stubLoanActivities, timeSkippingEnv, treasury, uniqueQueue, workflowBundle } from './loan-support';
import { loanDecideUpdate } from '../../workflows/loan-messages';

const FIXTURES = join(__dirname, 'fixtures');
// Loan histories, and budget-request histories recorded under the code from before the approval engine (engine-upgrade.test.ts).
const recorded = () => readdirSync(FIXTURES).filter((f) => /^(loan|budget)-.*\.json$/.test(f)).sort();

let bundle: WorkflowBundleOption;
beforeAll(async () => { bundle = await workflowBundle(); });

if (process.env.RECORD_LOAN_HISTORIES === '1') {
  describe('recording loan histories', () => {
    let env: TestWorkflowEnvironment;
    beforeAll(async () => { env = await timeSkippingEnv(); });
    afterAll(async () => { await env?.teardown(); });
    const save = async (name: string, workflowId: string, runId?: string) => {
      mkdirSync(FIXTURES, { recursive: true });
      const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      writeFileSync(join(FIXTURES, `loan-${name}.json`), historyToJSON(history));
    };
    const today = async () => chinaDate(Number(await env.currentTimeMs()));

    it('records a loan repaid in instalments, one that stays overdue, and one disbursed after a suspension', async () => {
      const taskQueue = uniqueQueue();
      const stubs = stubLoanActivities(env);
      await (await newWorker(env, taskQueue, bundle, stubs.activities)).runUntil(async () => {
        const repaid = await env.client.workflow.start(loanWorkflow, { workflowId: 'loan-rec-repaid', taskQueue, args: [loanInput('rec-repaid', { amount: '900.00' })] });
        stubs.balances.set('rec-repaid', '900.00');
        await approveAndDisburse(repaid);
        await env.sleep('160 days');
        await repaid.executeUpdate(recordRepaymentUpdate, { args: [{ actor: treasury, paymentId: 'R1', amount: '400.00', paidOn: await today() }] });
        await env.sleep('20 days');
        await repaid.executeUpdate(recordRepaymentUpdate, { args: [{ actor: treasury, paymentId: 'R2', amount: '500.00', paidOn: await today() }] });
        await repaid.result();
        await save('repaid-in-instalments', repaid.workflowId, repaid.firstExecutionRunId);

        const overdue = await env.client.workflow.start(loanWorkflow, { workflowId: 'loan-rec-overdue', taskQueue, args: [loanInput('rec-overdue')] });
        await approveAndDisburse(overdue);
        await env.sleep('340 days');
        await save('overdue-first-run', overdue.workflowId, overdue.firstExecutionRunId);
        // the run before the current one: one whole cycle of the repeating escalation, ended by continue-as-new
        const { runId } = await overdue.describe();
        const current = await env.client.workflow.getHandle(overdue.workflowId, runId).fetchHistory();
        const previous = current.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
        await save('overdue-later-run', overdue.workflowId, previous ?? runId);
        await overdue.terminate('recorded');

        const waited = await env.client.workflow.start(loanWorkflow, { workflowId: 'loan-rec-suspended', taskQueue, args: [loanInput('rec-suspended', { amount: '50.00' })] });
        stubs.balances.set('rec-suspended', '50.00');
        await waited.executeUpdate(loanDecideUpdate, { args: [{ actor: reviewer, decision: { action: 'approve' }, expected: { step: 'finance_review' } }] });
        await waited.executeUpdate(loanDecideUpdate, { args: [{ actor: secretary, decision: { action: 'approve', meetingReference: '第1次常务会议' }, expected: { step: 'executive_meeting' } }] });
        Object.assign(stubs.control, { suspended: true, version: 1 });
        await waited.executeUpdate(disburseUpdate, { args: [{ actor: treasury, responsibleOfficer: { userId: treasury.userId, roles: treasury.roles } }] });
        await env.sleep('3 hours');
        Object.assign(stubs.control, { suspended: false, version: 2 });
        await waited.signal(disbursementControlSignal, { suspended: false, version: 2 });
        await env.sleep('40 days');
        await waited.executeUpdate(recordRepaymentUpdate, { args: [{ actor: treasury, paymentId: 'S1', amount: '50.00', paidOn: await today() }] });
        await waited.result();
        await save('suspended-then-disbursed', waited.workflowId, waited.firstExecutionRunId);
      });
    });
  });
}

describe('replaying recorded loan and budget-request histories against the current workflow code', () => {
  it('has recorded histories to replay', () => {
    expect(recorded().length).toBeGreaterThanOrEqual(6);
  });

  it.each(recorded())('replays %s without a determinism error', async (file) => {
    const history = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: bundle, sinks: workflowTraceSinks() }, history, file);
  });
});
