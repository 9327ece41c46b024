import type { PrismaClient } from '../../prisma/client';
import { addYuan, LOAN_STEPS, LoanStep } from '../../domain';
import { presentLoan } from '../loans/presenter';
import type { Scope } from './read-dashboard';
import { waitingRows } from './waiting';

/** The loan chain's steps that wait on someone: the two approvals and the treasury's disbursement. */
export const LOAN_PENDING_STEPS = Object.keys(LOAN_STEPS) as LoanStep[];

/**
 * Loans waiting for an approver or for the treasury, oldest first: since when the current step's
 * tasks are open and who has not acted yet.
 */
export async function pendingLoanApprovals(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; step?: string; now?: Date }) {
  const now = o.now ?? new Date();
  const tasks = await prisma.task.findMany({
    where: { status: 'open', subjectType: 'loan', step: o.step ? o.step : { in: LOAN_PENDING_STEPS } },
    include: { assignee: { select: { displayName: true } } },
    orderBy: { openedAt: 'asc' },
  });
  const loans = await prisma.loan.findMany({
    where: { id: { in: [...new Set(tasks.map((t) => t.subjectId))] }, fiscalYear: o.fiscalYear, unitId: o.scope.unitId },
    include: { unit: true },
  });
  const byId = new Map(loans.map((l) => [l.id, l]));
  // A task left open by a step the loan has passed is not what the loan waits for.
  const current = (t: (typeof tasks)[number]) => {
    const loan = byId.get(t.subjectId);
    return loan && loan.step === t.step ? loan : undefined;
  };
  return waitingRows(tasks, current, (l) => presentLoan(l, now.getTime()), now);
}

/** The dashboard's loan numbers per step: how many, how much, and the oldest. */
export function summarisePendingLoans(rows: Awaited<ReturnType<typeof pendingLoanApprovals>>) {
  return {
    total: rows.length,
    oldestAgeHours: rows[0]?.ageHours ?? null,
    byStep: LOAN_PENDING_STEPS.map((step) => {
      const at = rows.filter((r) => r.step === step);
      return {
        step, label: { zh: LOAN_STEPS[step].zh, en: LOAN_STEPS[step].en }, count: at.length,
        amount: addYuan('0.00', ...at.map((r) => r.amount)),
        oldestAgeHours: at[0]?.ageHours ?? null, oldestNumber: at[0]?.number ?? null,
      };
    }),
  };
}
