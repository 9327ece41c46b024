import { createHash, randomUUID } from 'node:crypto';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import {
  BUDGET_CHAIN_DEFINITION, CHANGE_OF_USE_CHAIN_DEFINITION, CHINA_WORKING_DAY_CALENDAR, LOAN_CHAIN_DEFINITION, LoanLadder, normalizeYuan, POLICY_CHAIN_DEFINITION, remindAfterInput, WorkingDayCalendar,
} from '../domain';
import type { BudgetRequestWorkflowInput } from '../workflows/budget-request';
import type { LoanWorkflowInput } from '../workflows/loan';
import type { ChainWorkflowInput } from '../workflows/approval/chain-workflow';

/**
 * The id of a filed row. With an `Idempotency-Key` it derives from (what, user, key), so every retry
 * of one filing — after an API crash, a lost answer, a database restart — names the same row and
 * can never file a second one; without a key it is random.
 */
export function filingId(kind: 'budget' | 'loan' | 'policy' | 'change_of_use', userId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  const h = createHash('sha256').update(`${kind}\u0000${userId}\u0000${idempotencyKey}`).digest('hex');
  // Shaped as a UUID (version 8, "custom") so it looks like every other id.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** True when `err` is PostgreSQL's unique violation (a concurrent retry created the row first). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | undefined;
  return e?.code === 'P2002' || e?.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

export interface WorkflowStarter {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /** APPROVAL_REMIND_AFTER: a duration ("3 days") or working days ("1 working day") */
  remindAfter: string;
  /** the calendar working days are counted in (default: the shipped one) */
  workingDayCalendar?: WorkingDayCalendar;
}

/**
 * Starts a filed row's workflow unless it already runs (or ran): `USE_EXISTING` joins a running one,
 * `REJECT_DUPLICATE` never starts a finished request again. Then notes that it runs, so the
 * reconciler leaves the row alone (one UPDATE statement: updateMany would wrap it in BEGIN/COMMIT;
 * times are UTC, as Prisma writes them, whatever the server's time zone).
 */
async function startOnce(d: WorkflowStarter, type: string, workflowId: string, args: unknown[]): Promise<void> {
  try {
    // Bounded, like every workflow call of the API: a Temporal that does not answer means "started later", not a hang.
    await d.temporal.connection.withDeadline(Date.now() + 15_000, () => d.temporal.workflow.start(type, {
      workflowId, taskQueue: d.taskQueue, args, workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }));
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * Starts the workflow of a filed budget request (idempotent), with a snapshot of the R-B2 chain's
 * definition: a later change of the definition leaves this request on the one it was filed under.
 */
export async function startBudgetWorkflow(d: WorkflowStarter, r: { id: string; unitId: string; workflowId: string }): Promise<void> {
  const input: BudgetRequestWorkflowInput = { requestId: r.id, unitId: r.unitId, remindAfter: remindAfterInput(d.remindAfter, d.workingDayCalendar ?? CHINA_WORKING_DAY_CALENDAR), chain: BUDGET_CHAIN_DEFINITION };
  await startOnce(d, 'budgetRequestWorkflow', r.workflowId, [input]);
  await d.prisma.$executeRaw`UPDATE "BudgetRequest" SET "workflowStartedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = ${r.id} AND "workflowStartedAt" IS NULL`;
}

interface FiledLoan {
  id: string; unitId: string; workflowId: string; fiscalYear: number; amount: { toString(): string };
  termMonths: number | null; requestedDueDate: Date | null; ladder: unknown;
}

/** Starts the workflow of a filed loan from its row (the ladder snapshot is in the row) with a snapshot of the loan chain's definition, idempotently. */
export async function startLoanWorkflow(d: WorkflowStarter, l: FiledLoan): Promise<void> {
  const input: LoanWorkflowInput = {
    loanId: l.id, unitId: l.unitId, fiscalYear: l.fiscalYear, amount: normalizeYuan(l.amount), ladder: l.ladder as LoanLadder,
    remindAfter: remindAfterInput(d.remindAfter, d.workingDayCalendar ?? CHINA_WORKING_DAY_CALENDAR), chain: LOAN_CHAIN_DEFINITION,
    terms: {
      ...(l.termMonths !== null ? { termMonths: l.termMonths } : {}),
      ...(l.requestedDueDate ? { requestedDueDate: l.requestedDueDate.toISOString().slice(0, 10) } : {}),
    },
  };
  await startOnce(d, 'loanWorkflow', l.workflowId, [input]);
  await d.prisma.$executeRaw`UPDATE "Loan" SET "workflowStartedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = ${l.id} AND "workflowStartedAt" IS NULL`;
}

interface FiledSubject { id: string; unitId: string; workflowId: string }

/** The chains whose subject is only its chain (chainWorkflow), with the table noting that its workflow runs. */
const CHAIN_ONLY = {
  policy: { definition: POLICY_CHAIN_DEFINITION, table: 'Policy' },
  change_of_use: { definition: CHANGE_OF_USE_CHAIN_DEFINITION, table: 'ChangeOfUseRequest' },
} as const;

/** Starts the chain of a filed R-B9 policy or R-B10 change of use (idempotent), with a snapshot of its definition. */
export async function startChainWorkflow(d: WorkflowStarter, kind: keyof typeof CHAIN_ONLY, s: FiledSubject): Promise<void> {
  const { definition, table } = CHAIN_ONLY[kind];
  const input: ChainWorkflowInput = { chain: definition, subjectId: s.id, unitId: s.unitId, remindAfter: remindAfterInput(d.remindAfter, d.workingDayCalendar ?? CHINA_WORKING_DAY_CALENDAR) };
  await startOnce(d, 'chainWorkflow', s.workflowId, [input]);
  // The table name is one of two constants, never input.
  await d.prisma.$executeRawUnsafe(
    `UPDATE "${table}" SET "workflowStartedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1 AND "workflowStartedAt" IS NULL`, s.id,
  );
}

/**
 * Starts the workflows of rows filed but never started (an API that died between committing the row
 * and starting its workflow, with a client that never retried). Rows younger than `graceMs` are
 * left to the API call that is filing them. Returns how many it started.
 */
export async function reconcileFilings(d: WorkflowStarter, graceMs = 30_000): Promise<number> {
  const before = new Date(Date.now() - graceMs);
  const unstarted = { where: { workflowStartedAt: null, createdAt: { lt: before } }, take: 100 };
  const [requests, loans, policies, changes] = await Promise.all([
    d.prisma.budgetRequest.findMany(unstarted),
    d.prisma.loan.findMany(unstarted),
    d.prisma.policy.findMany(unstarted),
    d.prisma.changeOfUseRequest.findMany(unstarted),
  ]);
  for (const r of requests) await startBudgetWorkflow(d, r);
  for (const l of loans) await startLoanWorkflow(d, l);
  for (const p of policies) await startChainWorkflow(d, 'policy', p);
  for (const c of changes) await startChainWorkflow(d, 'change_of_use', c);
  return requests.length + loans.length + policies.length + changes.length;
}

/**
 * Runs `reconcileFilings` now and every `everyMs` in the worker process: the worker is the one
 * process every deployment has and needs for anything to move, there may be many APIs (or none up),
 * and starting is idempotent, so several workers reconciling at once do no harm. Returns a stop function.
 */
export function runReconciler(d: WorkflowStarter, everyMs = 60_000): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const started = await reconcileFilings(d);
      if (started) console.warn(`reconciler: started the workflows of ${started} filing(s) that had none`);
    } catch (err) {
      // The database or Temporal is down: the next tick tries again.
      console.warn('reconciler: will retry:', err instanceof Error ? err.message : err);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
