import type { Loan, PrismaClient } from '../../prisma/client';
import { LOAN_STEPS, LoanStep, normalizeYuan } from '../../domain';
import { presentLoan } from '../loans/presenter';
import type { Page, Scope } from './read-dashboard';
import { ageHours, oldestWaiting, waitingByStep, waitingRow, waitingSubjectsPage } from './waiting';

/** The loan chain's steps that wait on someone: the two approvals and the treasury's disbursement. */
export const LOAN_PENDING_STEPS = Object.keys(LOAN_STEPS) as LoanStep[];

/**
 * Loans waiting for an approver or for the treasury, oldest first: since when the current step's
 * tasks are open and who has not acted yet.
 */
export async function pendingLoanApprovals(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; step?: string; now?: Date; page?: Page }) {
  const now = o.now ?? new Date();
  const { total, rows } = await waitingSubjectsPage<Loan>(prisma, { kind: 'loan', steps: o.step ? [o.step] : LOAN_PENDING_STEPS, fiscalYear: o.fiscalYear, unitId: o.scope.unitId }, o.page ?? { offset: 0 });
  return { total, items: rows.map((w) => waitingRow(presentLoan(w.subject, now.getTime()), w, now)) };
}

/** The dashboard's loan numbers per step: how many, how much, and the oldest (counted by the database). */
export async function pendingLoanSummary(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; now: Date }) {
  const waiting = await waitingByStep(prisma, { kind: 'loan', steps: LOAN_PENDING_STEPS, fiscalYear: o.fiscalYear, unitId: o.scope.unitId });
  const byStep = LOAN_PENDING_STEPS.map((step) => {
    const w = waiting.get(step);
    return {
      step, label: { zh: LOAN_STEPS[step].zh, en: LOAN_STEPS[step].en }, count: w?.count ?? 0,
      amount: normalizeYuan(w?.amount ?? '0'),
      oldestAgeHours: w?.oldestSince ? ageHours(w.oldestSince, o.now) : null, oldestNumber: w?.oldestNumber ?? null,
    };
  });
  const oldest = oldestWaiting(waiting);
  return { total: byStep.reduce((n, s) => n + s.count, 0), oldestAgeHours: oldest ? ageHours(oldest, o.now) : null, byStep };
}
