/**
 * The loan workflow's approval and disbursement, on the time-skipping server with stub activities:
 * R-L6 at the meeting, R-M3 suspension (queued, resumed, nothing lost), R-L8 refusing a queued one.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { violation } from '../../domain';
import { loanWorkflow } from '../../workflows/loan';
import { DisburseArgs, disbursementControlSignal, disburseUpdate, loanDecideUpdate, loanStateQuery } from '../../workflows/loan-messages';
import { loanInput, newWorker, reviewer, secretary, stubLoanActivities, timeSkippingSuite, treasury, uniqueQueue } from './loan-support';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleOption;
const track = timeSkippingSuite((e, b) => { env = e; bundle = b; });

async function startApproved(taskQueue: string, loanId: string) {
  const handle = await env.client.workflow.start(loanWorkflow, { workflowId: `loan-${loanId}`, taskQueue, args: [loanInput(loanId)] });
  track(handle);
  await handle.executeUpdate(loanDecideUpdate, { args: [{ actor: reviewer, decision: { action: 'approve' }, expected: { step: 'finance_review' } }] });
  await handle.executeUpdate(loanDecideUpdate, { args: [{ actor: secretary, decision: { action: 'approve', meetingReference: '县政府第8次常务会议' }, expected: { step: 'executive_meeting' } }] });
  return handle;
}
const disburse: { args: [DisburseArgs] } = { args: [{ actor: treasury, responsibleOfficer: { userId: treasury.userId, roles: treasury.roles } }] };

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached');
}

describe('the loan chain in the workflow', () => {
  it('R-L6: the executive meeting cannot approve without its meeting reference; the loan stays there', async () => {
    const taskQueue = uniqueQueue();
    const stubs = stubLoanActivities(env);
    await (await newWorker(env, taskQueue, bundle, stubs.activities)).runUntil(async () => {
      const handle = await env.client.workflow.start(loanWorkflow, { workflowId: 'loan-r-l6', taskQueue, args: [loanInput('r-l6')] });
      track(handle);
      await handle.executeUpdate(loanDecideUpdate, { args: [{ actor: reviewer, decision: { action: 'approve' }, expected: { step: 'finance_review' } }] });
      await expect(handle.executeUpdate(loanDecideUpdate, { args: [{ actor: secretary, decision: { action: 'approve' }, expected: { step: 'executive_meeting' } }] }))
        .rejects.toMatchObject({ cause: { details: [expect.objectContaining({ code: 'missing_field', field: 'meetingReference' })] } });
      await expect(handle.executeUpdate(loanDecideUpdate, { args: [{ actor: reviewer, decision: { action: 'approve', meetingReference: 'x12' }, expected: { step: 'executive_meeting' } }] }))
        .rejects.toMatchObject({ cause: { details: [expect.objectContaining({ code: 'wrong_role' })] } });
      expect((await handle.query(loanStateQuery)).position).toBe('executive_meeting');
      expect(stubs.calls.filter((c) => c.name === 'recordLoanDecision')).toHaveLength(1);
    });
  });

  it('a rejection at finance review ends the loan', async () => {
    const taskQueue = uniqueQueue();
    const stubs = stubLoanActivities(env);
    await (await newWorker(env, taskQueue, bundle, stubs.activities)).runUntil(async () => {
      const handle = await env.client.workflow.start(loanWorkflow, { workflowId: 'loan-rejected', taskQueue, args: [loanInput('rejected')] });
      await handle.executeUpdate(loanDecideUpdate, { args: [{ actor: reviewer, decision: { action: 'reject', comment: '不符合临时周转条件' }, expected: { step: 'finance_review' } }] });
      expect(await handle.result()).toBe('rejected');
    });
  });

  it('R-M3: a disbursement while payments are suspended is queued, and goes out when they resume', async () => {
    const taskQueue = uniqueQueue();
    const stubs = stubLoanActivities(env);
    await (await newWorker(env, taskQueue, bundle, stubs.activities)).runUntil(async () => {
      const handle = await startApproved(taskQueue, 'suspended');
      Object.assign(stubs.control, { suspended: true, version: 1 });
      const outcome = await handle.executeUpdate(disburseUpdate, disburse);
      expect(outcome).toEqual({ status: 'queued', position: 'disbursement' });
      expect(stubs.calls.filter((c) => c.name === 'noteDisbursementQueued')).toHaveLength(1);
      // a second instruction is refused: one is already waiting
      await expect(handle.executeUpdate(disburseUpdate, disburse)).rejects.toMatchObject({ cause: { details: [expect.objectContaining({ code: 'disbursement_queued' })] } });
      await env.sleep('3 days');
      expect((await handle.query(loanStateQuery)).position).toBe('disbursement');

      Object.assign(stubs.control, { suspended: false, version: 2 });
      await handle.signal(disbursementControlSignal, { suspended: false, version: 2 });
      await until(async () => (await handle.query(loanStateQuery)).position === 'repayment');
      const state = await handle.query(loanStateQuery);
      expect(state).toMatchObject({ outstanding: '600000.00', responsibleOfficerId: treasury.userId });
      expect(state.queuedDisbursement).toBeUndefined();
      expect(stubs.calls.filter((c) => c.name === 'disburseLoan')).toHaveLength(1);
    });
  });

  it('R-M3: a lost resume signal only delays the queued disbursement until the next re-check', async () => {
    const taskQueue = uniqueQueue();
    const stubs = stubLoanActivities(env);
    await (await newWorker(env, taskQueue, bundle, stubs.activities)).runUntil(async () => {
      const handle = await startApproved(taskQueue, 'lost-signal');
      Object.assign(stubs.control, { suspended: true, version: 5 });
      expect((await handle.executeUpdate(disburseUpdate, disburse)).status).toBe('queued');
      Object.assign(stubs.control, { suspended: false, version: 6 }); // lifted, but no signal arrives
      await env.sleep('2 hours');
      await until(async () => (await handle.query(loanStateQuery)).position === 'repayment');
      expect(stubs.calls.filter((c) => c.name === 'readDisbursementControl').length).toBeGreaterThanOrEqual(1);
      // an old signal arriving late does not suspend it again
      await handle.signal(disbursementControlSignal, { suspended: true, version: 5 });
      expect((await handle.query(loanStateQuery)).control).toEqual({ suspended: false, version: 6 });
    });
  });

  it('R-L8: a queued disbursement refused when payments resume is recorded, and the loan waits for a new instruction', async () => {
    const taskQueue = uniqueQueue();
    const stubs = stubLoanActivities(env);
    const realDisburse = stubs.activities.disburseLoan;
    let capFull = true;
    stubs.activities.disburseLoan = async (a) => {
      if (!stubs.control.suspended && capFull) {
        throw ApplicationFailure.create({ type: 'RuleViolation', nonRetryable: true, details: [[violation('R-L8', 'over the cap', 'amount')]], message: 'R-L8' });
      }
      return realDisburse(a);
    };
    await (await newWorker(env, taskQueue, bundle, stubs.activities)).runUntil(async () => {
      const handle = await startApproved(taskQueue, 'cap-full');
      Object.assign(stubs.control, { suspended: true, version: 1 });
      expect((await handle.executeUpdate(disburseUpdate, disburse)).status).toBe('queued');
      Object.assign(stubs.control, { suspended: false, version: 2 });
      await handle.signal(disbursementControlSignal, { suspended: false, version: 2 });
      await until(async () => stubs.calls.some((c) => c.name === 'noteDisbursementRefused'));
      expect(stubs.calls.find((c) => c.name === 'noteDisbursementRefused')?.arg).toMatchObject({ ruleIds: ['R-L8'] });
      const state = await handle.query(loanStateQuery);
      expect(state.position).toBe('disbursement');
      expect(state.queuedDisbursement).toBeUndefined();
      // straight from the update the treasury sees the R-L8 refusal itself
      await expect(handle.executeUpdate(disburseUpdate, disburse)).rejects.toMatchObject({ cause: { type: 'RuleViolation' } });
      capFull = false;
      expect((await handle.executeUpdate(disburseUpdate, disburse)).status).toBe('disbursed');
    });
  });
});
