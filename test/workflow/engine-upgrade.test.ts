/**
 * Workflow versioning, proven on running workflows: budget requests and loans started by a worker
 * running the workflow code from before the approval engine (its bundle is kept, frozen, in
 * fixtures/workflows-before-engine.js.gz) are finished by a worker running today's code, which takes
 * them over by replaying their histories. Each workflow type kept its command sequence (the same
 * activity types in the same order, the same timers), so no patch or new workflow type was needed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { workflowTraceSinks } from '../../observability/tracing';
import { budgetWorkflowId, chainStateQuery, decideUpdate, resubmitUpdate, withdrawUpdate } from '../../workflows/budget-messages';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { disburseUpdate, loanDecideUpdate, loanStateQuery, recordRepaymentUpdate } from '../../workflows/loan-messages';
import type { budgetRequestWorkflow } from '../../workflows/budget-request';
import type { loanWorkflow } from '../../workflows/loan';
import { chinaDate } from '../../domain';
import { createTimeSkippingEnv, LEADERS, MEETING, people, RESOLUTION, REVISED_CONTENT, stubActivities, UNIT_ID, waitUntil } from './budget-harness';
import { loanInput, reviewer, secretary, stubLoanActivities, treasury, workflowBundle } from './loan-support';

let env: TestWorkflowEnvironment;
let before: WorkflowBundleOption;
let today: WorkflowBundleOption;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  const dir = mkdtempSync(join(tmpdir(), 'workflows-before-engine-'));
  const codePath = join(dir, 'bundle.js');
  // The fixture was stored without its (large) source map; the worker wants one inlined, so an empty one is added.
  const emptyMap = Buffer.from(JSON.stringify({ version: 3, sources: [], names: [], mappings: '' })).toString('base64');
  writeFileSync(codePath, `${gunzipSync(readFileSync(join(__dirname, 'fixtures', 'workflows-before-engine.js.gz')))}\n//# sourceMappingURL=data:application/json;base64,${emptyMap}\n`);
  before = { codePath };
  today = await workflowBundle();
});
afterAll(async () => { await env?.teardown(); });

/**
 * Budget-request histories recorded under the code from before the engine, for the replay test
 * (loan-replay.test.ts replays every fixture). Record them again with:
 * RECORD_BUDGET_HISTORIES=1 npx jest test/workflow/engine-upgrade
 */
if (process.env.RECORD_BUDGET_HISTORIES === '1') {
  it('records budget requests run by the code from before the engine', async () => {
    const taskQueue = `record-${randomUUID()}`;
    const stubs = stubActivities();
    const start = (requestId: string) => env.client.workflow.start<typeof budgetRequestWorkflow>('budgetRequestWorkflow', {
      taskQueue, workflowId: budgetWorkflowId(requestId), args: [{ requestId, unitId: UNIT_ID }],
    });
    const at = (step: string, round = 1) => ({ step, round });
    const decide = (h: Awaited<ReturnType<typeof start>>, actor: typeof people.reviewer, decision: object, step: string, round = 1) =>
      h.executeUpdate(decideUpdate, { args: [{ actor, decision: decision as never, expected: at(step, round) }] });
    const save = async (name: string, h: Awaited<ReturnType<typeof start>>) =>
      writeFileSync(join(__dirname, 'fixtures', `budget-${name}.json`), historyToJSON(await h.fetchHistory()));
    await (await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: before, activities: stubs.activities, sinks: workflowTraceSinks() })).runUntil(async () => {
      const executed = await start('rec-executed');
      await waitUntil(() => stubs.opened().length > 0, 'opened');
      await decide(executed, people.reviewer, { action: 'return', comment: '请补充测算依据' }, 'finance_review');
      await executed.executeUpdate(resubmitUpdate, { args: [{ actor: people.clerk, content: REVISED_CONTENT, fiscalYear: 2026, expectedRound: 1 }] });
      await env.sleep('4 days'); // one reminder round
      await decide(executed, people.reviewer, { action: 'approve' }, 'finance_review', 2);
      await waitUntil(() => stubs.opened().some((o) => o.step === 'leader_briefing'), 'briefing opened');
      for (const leader of LEADERS) await decide(executed, leader, { action: 'acknowledge' }, 'leader_briefing', 2);
      await decide(executed, people.secretary, { action: 'approve', ...MEETING }, 'executive_meeting', 2);
      await decide(executed, people.liaison, { action: 'approve', ...RESOLUTION }, 'npc_approval', 2);
      await executed.result();
      await save('returned-resubmitted-executed', executed);

      const withdrawn = await start('rec-withdrawn');
      await waitUntil(() => stubs.opened().filter((o) => o.step === 'finance_review').length >= 3, 'opened');
      await decide(withdrawn, people.reviewer, { action: 'return', comment: '不符合追加条件' }, 'finance_review');
      await withdrawn.executeUpdate(withdrawUpdate, { args: [{ actor: people.clerk, comment: '改由年初预算安排' }] });
      await withdrawn.result();
      await save('returned-withdrawn', withdrawn);
    });
  });
}

describe('workflows started before the approval engine finish under it', () => {
  it('a budget request half-way through the briefing and another returned for revision, then a loan approved by finance, all finish on the new code', async () => {
    const taskQueue = `upgrade-${randomUUID()}`;
    const budget = stubActivities();
    const loan = stubLoanActivities(env);
    // The activity names did not change, so one set of stubs serves both workers.
    const activities = { ...budget.activities, ...loan.activities };
    const worker = (bundle: WorkflowBundleOption) => Worker.create({
      connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities, sinks: workflowTraceSinks(), maxCachedWorkflows: 0,
    });
    const start = (requestId: string) => env.client.workflow.start<typeof budgetRequestWorkflow>('budgetRequestWorkflow', {
      taskQueue, workflowId: budgetWorkflowId(requestId), args: [{ requestId, unitId: UNIT_ID }],
    });
    const opened = (step: string, round = 1, times = 1) => waitUntil(
      () => budget.calls.filter((c) => c.name === 'openStepTasks' && c.outcome === 'ok' && (c.input as { step: string }).step === step && (c.input as { round: number }).round === round).length >= times,
      `${step} opened`,
    );
    const at = (step: string, round = 1) => ({ step, round });

    // 1. Under the old code: one request reaches the briefing with one leader's acknowledgement, another is returned.
    const briefed = await start(`req-${randomUUID()}`);
    const returned = await start(`req-${randomUUID()}`);
    const loanId = `loan-up-${randomUUID().slice(0, 8)}`;
    const lent = await env.client.workflow.start<typeof loanWorkflow>('loanWorkflow', { taskQueue, workflowId: `loan-${loanId}`, args: [loanInput(loanId, { amount: '800.00' })] });
    loan.balances.set(loanId, '800.00');
    await (await worker(before)).runUntil(async () => {
      await opened('finance_review', 1, 2);
      await briefed.executeUpdate(decideUpdate, { args: [{ actor: people.reviewer, decision: { action: 'approve' }, expected: at('finance_review') }] });
      await opened('leader_briefing');
      await briefed.executeUpdate(decideUpdate, { args: [{ actor: LEADERS[0], decision: { action: 'acknowledge' }, expected: at('leader_briefing') }] });
      await returned.executeUpdate(decideUpdate, { args: [{ actor: people.reviewer, decision: { action: 'return', comment: '请补充测算依据' }, expected: at('finance_review') }] });
      // the loan's decide update had its own name before the engine
      await lent.executeUpdate(loanDecideUpdate, { args: [{ actor: reviewer, decision: { action: 'approve' }, expected: { step: 'finance_review' } }] });
    });

    // 2. Today's code takes over from their histories and walks them to the end.
    await (await worker(today)).runUntil(async () => {
      expect(await briefed.query(chainStateQuery)).toMatchObject({ position: 'leader_briefing', round: 1, acknowledged: [LEADERS[0].userId] });
      for (const leader of LEADERS.slice(1)) {
        await briefed.executeUpdate(decideUpdate, { args: [{ actor: leader, decision: { action: 'acknowledge' }, expected: at('leader_briefing') }] });
      }
      await briefed.executeUpdate(decideUpdate, { args: [{ actor: people.secretary, decision: { action: 'approve', ...MEETING }, expected: at('executive_meeting') }] });
      expect(await briefed.executeUpdate(decideUpdate, { args: [{ actor: people.liaison, decision: { action: 'approve', ...RESOLUTION }, expected: at('npc_approval') }] }))
        .toEqual({ position: 'executed', round: 1 });
      expect(await briefed.result()).toBe('executed');

      expect(await returned.executeUpdate(resubmitUpdate, { args: [{ actor: people.clerk, content: REVISED_CONTENT, fiscalYear: 2026, expectedRound: 1 }] }))
        .toEqual({ position: 'finance_review', round: 2 });
      await returned.executeUpdate(decideUpdate, { args: [{ actor: people.reviewer, decision: { action: 'reject', comment: '财力不足' }, expected: at('finance_review', 2) }] });
      expect(await returned.result()).toBe('rejected');

      // the API now sends the engine's `decide` to loans as well
      await lent.executeUpdate(decideUpdate, { args: [{ actor: secretary, decision: { action: 'approve', meetingReference: '县政府第9次常务会议' }, expected: { step: 'executive_meeting', round: 1 } }] });
      await lent.executeUpdate(disburseUpdate, { args: [{ actor: treasury, responsibleOfficer: { userId: treasury.userId, roles: treasury.roles } }] });
      expect((await lent.query(loanStateQuery)).position).toBe('repayment');
      await lent.executeUpdate(recordRepaymentUpdate, { args: [{ actor: treasury, paymentId: 'UP-1', amount: '800.00', paidOn: chinaDate(Number(await env.currentTimeMs())) }] });
      expect(await lent.result()).toBe('closed');
    });

    // every decision landed once, the R-B3 effects in order, whichever code scheduled it
    expect(budget.decisions().map((d) => [d.step, d.decision.action])).toEqual(expect.arrayContaining([
      ['npc_approval', 'approve'], ['finance_review', 'reject'],
    ]));
    expect(loan.calls.filter((c) => c.name === 'recordLoanDecision')).toHaveLength(2);
    expect(loan.calls.filter((c) => c.name === 'disburseLoan')).toHaveLength(1);
  });
});
