import { ApplicationFailure } from '@temporalio/activity';
import { chinaDate, fiscalYearAt, toDateColumn, normalizeYuan, toFen } from '../domain';
import { writeAudit } from './audit';
import { ladderRecipients } from './loan-assignees';
import { disburseAdvance, refusalFailure, repayAdvance } from './loan-cap';
import { loanOutcomeMail, repaymentMail } from './loan-mails';
import { lastDeciderLine } from './approval/decided-by';
import { createLoanNoticeActivities } from './loan-notices';
import { ChainTaskDeps, closeStepTasks } from './approval/tasks';
import { withApprovalForm } from './approval-form-file';
import type { OutgoingMail } from './mail';

export interface LoanActivityDeps extends ChainTaskDeps {
  /** the clock R-L8 reads the current fiscal year from (tests hand in one on either side of a year turn) */
  now?: () => number;
}

/** The failure type a disbursement meets while the finance director has suspended them (R-M3). */
export const FAILURE_DISBURSEMENT_SUSPENDED = 'DisbursementSuspended';

/** What a loan's people are told by mail after a decision, a disbursement or a repayment. */
export type LoanNews =
  | { kind: 'rejected'; comment?: string }
  | { kind: 'withdrawn'; comment?: string }
  | { kind: 'disbursed' }
  | { kind: 'repayment'; paymentId: string; amount: string; paidOn: string; outstanding: string };

export interface DisburseLoanInput {
  loanId: string;
  /** the chain's round the disbursement task was opened in (absent before loans could be returned: 1) */
  round?: number;
  actorId: string;
  responsibleOfficerId: string;
  /** workflow time of the disbursement (ISO instant) and the due date fixed from it (R-L4) */
  disbursedAt: string;
  dueDate: string;
  reference?: string;
  mailSeparately?: boolean;
}

export interface RecordRepaymentInput {
  loanId: string;
  paymentId: string;
  amount: string;
  paidOn: string;
  reference?: string;
  actorId: string;
  mailSeparately?: boolean;
}

const dateOnly = toDateColumn;

/** Side effects of the loan workflow; each is idempotent, so a retry changes nothing twice. */
export function createLoanActivities({ prisma, mailer, publicUrl, emailActions, now = Date.now }: LoanActivityDeps) {
  const loadLoan = (id: string) => prisma.loan.findUniqueOrThrow({ where: { id }, include: { unit: true } });

  async function mailPeople(key: string, users: { id: string; email: string }[], mail: Omit<OutgoingMail, 'key' | 'to'>) {
    for (const u of users) await mailer.send({ key: `${key}:${u.id}`, to: u.email, ...mail });
  }

  /** Tells the borrower (and, once disbursed, the responsible officer) what happened; each mail is keyed, so it goes out once. */
  async function mailLoanNews({ loanId, news }: { loanId: string; news: LoanNews }): Promise<void> {
    const loan = await loadLoan(loanId);
    if (news.kind === 'rejected' || news.kind === 'withdrawn') {
      const creator = await prisma.user.findMany({ where: { id: loan.createdById } });
      const decidedBy = await lastDeciderLine(prisma, loanId);
      return mailPeople(`loan:${loanId}:outcome`, creator, { ...loanOutcomeMail({ loan, position: news.kind, comment: news.comment, decidedBy, publicUrl }), ...withApprovalForm(prisma, 'loan', loanId) });
    }
    const people = await ladderRecipients(prisma, loan, ['borrower_clerks', 'responsible_officer']);
    // Disbursed is where the loan's approval ends: its 审批单 goes with the notice.
    if (news.kind === 'disbursed') return mailPeople(`loan:${loanId}:disbursed`, people, { ...loanOutcomeMail({ loan, position: 'repayment', publicUrl }), ...withApprovalForm(prisma, 'loan', loanId) });
    await mailPeople(`loan:${loanId}:repayment:${news.paymentId}`, people,
      repaymentMail({ loan: { ...loan, outstanding: news.outstanding }, amount: news.amount, paidOn: news.paidOn, publicUrl }));
  }

  return {
    ...createLoanNoticeActivities({ prisma, mailer, publicUrl }),

    mailLoanNews,

    /** R-M3: whether disbursements are suspended now, with the switch's version. */
    async readDisbursementControl(): Promise<{ suspended: boolean; version: number }> {
      const c = await prisma.disbursementControl.findUnique({ where: { id: 'county' } });
      return { suspended: c?.suspended ?? false, version: c?.version ?? 0 };
    },

    /** Notes in the audit trail that a disbursement instruction waits for the suspension to lift. */
    async noteDisbursementQueued({ loanId, actorId, version }: { loanId: string; actorId: string; version: number }): Promise<void> {
      await writeAudit(prisma, {
        eventKey: `${loanId}:disbursement_queued:v${version}`, actorId, subjectType: 'loan', subjectId: loanId,
        data: { type: 'disbursement_queued', reason: 'suspended', requestedBy: actorId },
      });
    },

    /** A queued disbursement that R-L8 refused once suspension lifted: recorded, and the treasury is told. */
    async noteDisbursementRefused({ loanId, actorId, ruleIds, detail }: { loanId: string; actorId: string; ruleIds: string[]; detail: string }): Promise<void> {
      const key = `${loanId}:disbursement_refused:${crypto.randomUUID()}`;
      await writeAudit(prisma, { eventKey: key, actorId, subjectType: 'loan', subjectId: loanId, data: { type: 'disbursement_refused', requestedBy: actorId, ruleIds, detail } });
      const loan = await loadLoan(loanId);
      const officer = await prisma.user.findMany({ where: { id: actorId } });
      await mailPeople(key, officer, {
        subject: `借款 ${loan.number}：暂停支付解除后放款未能执行 / Queued disbursement refused`,
        text: `暂停支付解除后，排队的放款因以下原因未能执行，请重新办理：\nThe queued disbursement could not go out once payments resumed:\n\n${detail}\n\n${publicUrl}/loans/${loanId}`,
      });
    },

    /**
     * Disburses in one transaction: refuses while disbursements are suspended (R-M3, the switch is
     * read under a share lock so a suspension cuts cleanly), re-checks and moves the R-L8 hold,
     * fixes the due date (R-L4) and the responsible officer (R-L7).
     */
    async disburseLoan(i: DisburseLoanInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const loan = await tx.loan.findUniqueOrThrow({ where: { id: i.loanId }, include: { unit: true } });
        if (loan.disbursedAt) return; // a retry
        const [control] = await tx.$queryRaw<{ suspended: boolean; version: number }[]>`SELECT suspended, version FROM "DisbursementControl" WHERE id = 'county' FOR SHARE`;
        if (control?.suspended) {
          throw ApplicationFailure.create({
            type: FAILURE_DISBURSEMENT_SUSPENDED, nonRetryable: true, details: [{ version: control.version }],
            message: 'R-M3 对存在支付风险的，及时暂停支付: disbursements are suspended',
          });
        }
        const at = Date.parse(i.disbursedAt);
        await disburseAdvance(tx, loan, { at, dueDate: i.dueDate, responsibleOfficerId: i.responsibleOfficerId });
        await tx.loan.update({
          where: { id: i.loanId },
          data: {
            fiscalYear: fiscalYearAt(at), step: 'repayment', status: 'disbursed', outstanding: loan.amount, dueDate: dateOnly(i.dueDate), disbursedAt: new Date(i.disbursedAt),
            disbursedById: i.actorId, responsibleOfficerId: i.responsibleOfficerId, disbursementReference: i.reference ?? null,
          },
        });
        await tx.decision.createMany({
          data: [{ id: crypto.randomUUID(), subjectType: 'loan', subjectId: i.loanId, round: i.round ?? 1, step: 'disbursement', action: 'disburse', actorId: i.actorId, actorRole: 'treasury_officer', comment: i.reference ?? null }],
          skipDuplicates: true,
        });
        await closeStepTasks(tx, { subjectId: i.loanId, round: i.round ?? 1, step: 'disbursement', actorId: i.actorId });
        await writeAudit(tx, {
          eventKey: `${i.loanId}:disbursed`, actorId: i.actorId, subjectType: 'loan', subjectId: i.loanId,
          data: {
            type: 'loan_disbursed', fiscalYear: fiscalYearAt(at), amount: normalizeYuan(loan.amount), disbursedOn: chinaDate(at),
            dueDate: i.dueDate, responsibleOfficerId: i.responsibleOfficerId, ...(i.reference ? { reference: i.reference } : {}),
          },
        });
      });
      // Outside the transaction, and also on a retry: the mails are keyed, so they go out once.
      if (!i.mailSeparately) await mailLoanNews({ loanId: i.loanId, news: { kind: 'disbursed' } });
    },

    /**
     * Records a repayment once per payment reference: the loan's balance and the year's
     * outstanding advances drop by exactly the amount; at zero the loan closes. Over-repayment is refused.
     */
    async recordLoanRepayment(i: RecordRepaymentInput): Promise<{ outstanding: string; closed: boolean }> {
      const result = await prisma.$transaction(async (tx) => {
        const seen = await tx.repayment.findUnique({ where: { loanId_paymentId: { loanId: i.loanId, paymentId: i.paymentId } } });
        if (seen) {
          if (normalizeYuan(seen.amount) !== i.amount) {
            throw refusalFailure({ code: 'payment_reference_reused', status: 409, message: `付款编号 ${i.paymentId} 已登记过另一笔金额 / payment ${i.paymentId} was recorded with another amount`, field: 'paymentId' });
          }
          const after = normalizeYuan(seen.outstandingAfter);
          return { outstanding: after, closed: toFen(after) === 0n, fresh: false };
        }
        const [row] = await tx.$queryRaw<{ outstanding: string }[]>`
          UPDATE "Loan" SET outstanding = outstanding - ${i.amount}::numeric, "updatedAt" = now()
          WHERE id = ${i.loanId} AND step = 'repayment' AND outstanding >= ${i.amount}::numeric
          RETURNING outstanding::text AS outstanding`;
        if (!row) {
          const loan = await tx.loan.findUniqueOrThrow({ where: { id: i.loanId } });
          throw refusalFailure({ code: 'over_repayment', status: 422, field: 'amount', message: `还款 ${i.amount} 元超过借款余额 ${normalizeYuan(loan.outstanding)} 元 / more than the ${normalizeYuan(loan.outstanding)} outstanding` });
        }
        const outstanding = normalizeYuan(row.outstanding);
        await repayAdvance(tx, i.loanId, i.amount);
        await tx.repayment.create({
          data: { id: crypto.randomUUID(), loanId: i.loanId, paymentId: i.paymentId, amount: i.amount, paidOn: dateOnly(i.paidOn), reference: i.reference ?? null, outstandingAfter: outstanding, recordedById: i.actorId },
        });
        await writeAudit(tx, {
          eventKey: `${i.loanId}:repayment:${i.paymentId}`, actorId: i.actorId, subjectType: 'loan', subjectId: i.loanId,
          data: { type: 'repayment_recorded', paymentId: i.paymentId, amount: i.amount, paidOn: i.paidOn, outstandingAfter: outstanding, ...(i.reference ? { reference: i.reference } : {}) },
        });
        const closed = toFen(outstanding) === 0n;
        if (closed) {
          await tx.loan.update({ where: { id: i.loanId }, data: { step: 'closed', status: 'closed', capHold: 'repaid', closedAt: new Date() } });
          await writeAudit(tx, { eventKey: `${i.loanId}:closed`, actorId: i.actorId, subjectType: 'loan', subjectId: i.loanId, data: { type: 'loan_closed', repaidOn: i.paidOn } });
        }
        return { outstanding, closed, fresh: true };
      });
      if (!i.mailSeparately) {
        await mailLoanNews({ loanId: i.loanId, news: { kind: 'repayment', paymentId: i.paymentId, amount: i.amount, paidOn: i.paidOn, outstanding: result.outstanding } });
      }
      return { outstanding: result.outstanding, closed: result.closed };
    },
  };
}

export type LoanActivities = ReturnType<typeof createLoanActivities>;
