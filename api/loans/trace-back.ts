import type { Tx } from '../../prisma/client';
import { LOAN_STEPS, LoanStep } from '../../domain';

/** One person the trace-back (倒查, R-L7) names: who approved, disbursed or answers for the loan, at which step. */
export interface TraceBackEntry {
  step: string;
  stepLabel: string;
  action: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  decidedAt: string;
  meetingReference: string | null;
}

/**
 * Everyone who let the loan's money out, step by step: the finance review's approver, the executive
 * meeting (with its reference), the treasury officer who disbursed, and the responsible lending officer.
 */
export async function traceBackApprovers(tx: Tx, loan: { id: string; responsibleOfficerId: string | null; disbursedAt: Date | null }): Promise<TraceBackEntry[]> {
  const decisions = await tx.decision.findMany({
    where: { subjectType: 'loan', subjectId: loan.id, action: { in: ['approve', 'disburse'] } },
    include: { actor: { select: { displayName: true } } }, orderBy: { decidedAt: 'asc' },
  });
  const label = (step: string) => LOAN_STEPS[step as LoanStep]?.zh ?? step;
  const entries: TraceBackEntry[] = decisions.map((d) => ({
    step: d.step, stepLabel: label(d.step), action: d.action, actorId: d.actorId, actorName: d.actor.displayName, actorRole: d.actorRole,
    decidedAt: d.decidedAt.toISOString(), meetingReference: d.meetingReference,
  }));
  if (loan.responsibleOfficerId) {
    const officer = await tx.user.findUnique({ where: { id: loan.responsibleOfficerId }, select: { displayName: true } });
    entries.push({
      step: 'responsible_officer', stepLabel: '责任人（谁借出，谁回收）', action: 'responsible', actorId: loan.responsibleOfficerId,
      actorName: officer?.displayName ?? loan.responsibleOfficerId, actorRole: 'treasury_officer', decidedAt: (loan.disbursedAt ?? new Date(0)).toISOString(), meetingReference: null,
    });
  }
  return entries;
}
