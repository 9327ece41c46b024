import type { PrismaClient } from '../../prisma/client';
import { DECISION_PEOPLE } from '../delegation/decision-people';
import { addYuan, chainDefinition, chainPositionLabel, chinaDate, fiscalYearAt, normalizeYuan, subYuan, Yuan } from '../../domain';
import { COUNTY } from '../../activities/loan-cap';
import { presentFiscalYear, presentYearAdvances } from '../fiscal-years/presenter';
import { presentChainDecision, presentDecision } from '../budget-requests/presenter';
import { presentLoanDecision } from '../loans/presenter';
import { overdueWhere } from '../loans/list-loans';

/** A figure without and with the subject of the task, so the approver sees what the decision moves. */
export interface BeforeAfter { before: Yuan; after: Yuan; amount: Yuan; counted: boolean }

/**
 * `before` is the figure without this request or loan, `after` with it. `counted` says whether the
 * stored figure already holds it (reserved at an earlier step), so the arithmetic is never done twice.
 */
function beforeAfter(current: Yuan, amount: Yuan, counted: boolean): BeforeAfter {
  return counted
    ? { before: addYuan(current, amount), after: current, amount, counted }
    : { before: current, after: subYuan(current, amount), amount, counted };
}

/**
 * What an approver needs beside a task (GET /tasks/:id/context): for a budget request the year's
 * remaining available resources without and with it (R-B3); for a loan the county's advances
 * headroom without and with it (R-L8) and what the borrower already owes and has overdue; for both
 * the opinions given earlier in the chain.
 */
export async function readDecisionContext(prisma: PrismaClient, task: { subjectType: string; subjectId: string }, now = Date.now()) {
  if (task.subjectType === 'loan') {
    const loan = await prisma.loan.findUniqueOrThrow({ where: { id: task.subjectId } });
    // R-L8 is the county's whole balance against the current China year's cap, whatever the loan's year.
    const year = fiscalYearAt(now);
    const [fy, held, owed, overdue, decisions] = await Promise.all([
      prisma.fiscalYear.findUnique({ where: { year } }),
      prisma.advancesPosition.findUnique({ where: { id: COUNTY } }),
      prisma.loan.findMany({ where: { unitId: loan.unitId, status: 'disbursed' }, select: { outstanding: true } }),
      prisma.loan.findMany({ where: { unitId: loan.unitId, ...overdueWhere(chinaDate(now)) }, select: { number: true, outstanding: true, dueDate: true } }),
      prisma.decision.findMany({ where: { subjectType: 'loan', subjectId: loan.id }, include: DECISION_PEOPLE, orderBy: { decidedAt: 'asc' } }),
    ]);
    const amount = normalizeYuan(loan.amount);
    const advances = fy ? presentYearAdvances(fy, held) : null;
    return {
      advances: advances && { fiscalYear: year, cap: advances.cap, held: advances.held, ...beforeAfter(advances.headroom, amount, loan.capHold === 'reserved' || loan.capHold === 'outstanding') },
      borrower: {
        outstandingCount: owed.length, outstanding: addYuan('0.00', ...owed.map((l) => normalizeYuan(l.outstanding))),
        overdueCount: overdue.length, overdue: addYuan('0.00', ...overdue.map((l) => normalizeYuan(l.outstanding))),
        overdueLoans: overdue.map((l) => ({ number: l.number, outstanding: normalizeYuan(l.outstanding), dueDate: l.dueDate?.toISOString().slice(0, 10) ?? null })),
      },
      opinions: decisions.map(presentLoanDecision),
    };
  }
  const other = task.subjectType !== 'budget' ? chainDefinition(task.subjectType) : undefined;
  if (other) {
    // Policies and changes of use move no money at their steps: the earlier opinions are the context.
    const decisions = await prisma.decision.findMany({ where: { subjectType: task.subjectType, subjectId: task.subjectId }, include: DECISION_PEOPLE, orderBy: { decidedAt: 'asc' } });
    return { opinions: decisions.map((d) => presentChainDecision(d, (step) => chainPositionLabel(other, step))) };
  }
  const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { reservation: true } });
  const [fy, decisions] = await Promise.all([
    prisma.fiscalYear.findUnique({ where: { year: request.fiscalYear } }),
    prisma.decision.findMany({ where: { subjectType: 'budget', subjectId: request.id }, include: DECISION_PEOPLE, orderBy: { decidedAt: 'asc' } }),
  ]);
  const year = fy && presentFiscalYear(fy);
  const held = request.reservation && request.reservation.status !== 'released';
  return {
    resources: year && { fiscalYear: year.year, availableResources: year.availableResources, ...beforeAfter(year.remaining, normalizeYuan(request.amount), Boolean(held)) },
    opinions: decisions.map(presentDecision),
  };
}
