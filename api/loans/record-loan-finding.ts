import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import {
  Actor, chinaDate, FINDING_LOAN_STATUSES, FINDING_RECORDER_ROLES, hasRole, LOAN_STATUS_LABELS, LoanStatus, loanFindingSchema, normalizeYuan, RULES, toDateColumn,
} from '../../domain';
import { writeAudit } from '../../activities/audit';
import { parse } from '../validate';
import { conflict, forbidden } from '../errors';
import { traceBackApprovers } from './trace-back';

export interface RecordLoanFindingOptions {
  prisma: PrismaClient;
  actor: Actor;
  /** the loan as read for the actor (visibility already checked) */
  loan: { id: string; amount: { toString(): string }; status: string; disbursedAt: Date | null; responsibleOfficerId: string | null };
  /** the request body, parsed here against the loan's own bounds */
  input: unknown;
  now?: number;
}

/** Whether `actor` may record R-L2 findings; answered first, so a clerk or an auditor learns nothing more. */
export function assertMayRecordFinding(actor: Actor): void {
  if (hasRole(actor, ...FINDING_RECORDER_ROLES)) return;
  throw forbidden('转借企业情况由财政局局长、预算股审核人或国库股登记 / only the finance director, a finance reviewer or a treasury officer records findings', 'wrong_role');
}

/**
 * R-L2: records that money of a disbursed loan was found re-lent to an enterprise and, in the same
 * transaction, opens a recovery case (清收, R-L11) on the loan's ledger row with the trace-back (倒查,
 * R-L7) naming everyone who approved and disbursed it, and writes the audit events. The loan must have been disbursed (409 otherwise); the amount and
 * the date are checked against the loan (400 naming the field).
 */
export async function recordLoanFinding({ prisma, actor, loan, input, now = Date.now() }: RecordLoanFindingOptions) {
  assertMayRecordFinding(actor);
  if (!(FINDING_LOAN_STATUSES as readonly string[]).includes(loan.status) || !loan.disbursedAt) {
    const status = LOAN_STATUS_LABELS[loan.status as LoanStatus]?.zh ?? loan.status;
    throw conflict('loan_not_disbursed', `R-L2「${RULES['R-L2'].zh}」：借款尚未放款（当前「${status}」），资金未拨出，不能登记转借企业情况 / only a disbursed loan can have an on-lending finding (now ${loan.status})`);
  }
  const finding = parse(loanFindingSchema({ loanAmount: normalizeYuan(loan.amount), disbursedOn: chinaDate(loan.disbursedAt.getTime()), today: chinaDate(now) }), input);
  const id = randomUUID();
  return prisma.$transaction(async (tx) => {
    const row = await tx.loanFinding.create({
      data: {
        id, loanId: loan.id, ruleId: 'R-L2', description: finding.description, enterprise: finding.enterprise, amount: finding.amount,
        foundOn: toDateColumn(finding.foundOn), recordedById: actor.userId,
      },
      include: { recordedBy: { select: { displayName: true } } },
    });
    const advance = await tx.advance.findUnique({ where: { loanId: loan.id }, select: { id: true } });
    if (advance) {
      const approvers = await traceBackApprovers(tx, loan);
      await tx.recoveryCase.create({ data: { id: randomUUID(), advanceId: advance.id, findingId: id, status: 'open', approvers: approvers as object[] } });
      await writeAudit(tx, {
        eventKey: `recovery:${id}`, actorId: actor.userId, subjectType: 'loan', subjectId: loan.id,
        data: { type: 'recovery_opened', findingId: id, advanceId: advance.id, approvers: approvers.map((a) => ({ step: a.step, actorId: a.actorId, actorName: a.actorName })) },
      });
    }
    await writeAudit(tx, {
      eventKey: `loan_finding:${id}`, actorId: actor.userId, subjectType: 'loan', subjectId: loan.id,
      data: { type: 'loan_finding_recorded', findingId: id, ruleId: 'R-L2', enterprise: finding.enterprise, amount: finding.amount, foundOn: finding.foundOn, description: finding.description },
    });
    return row;
  });
}
