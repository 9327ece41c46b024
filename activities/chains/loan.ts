import { Prisma, type PrismaClient } from '../../prisma/client';
import { LOAN_CHAIN_DEFINITION, LoanApplication, LoanPosition, loanStatus, toDateColumn } from '../../domain';
import { writeAudit } from '../audit';
import { releaseAdvance, reserveAdvance } from '../loan-cap';
import { loanFactLines } from '../loan-mails';
import type { PrismaChainSubjects } from '../approval/subjects';
import type { LoanNews } from '../loan';

/**
 * What the loan chain adds to the engine: the loan, its effects on the county's 5% cap (R-L8: reserve
 * at finance approval, release when the meeting rejects or returns it), the meeting recorded as the
 * executive meeting (R-L6), a resubmitted application, and the disbursement task pointing to the loan page.
 */
export function loanSubjects({ prisma, publicUrl, now, mailLoanNews }: {
  prisma: PrismaClient; publicUrl: string; now: () => number; mailLoanNews(i: { loanId: string; news: LoanNews }): Promise<void>;
}): PrismaChainSubjects {
  const loanRow = (tx: Pick<PrismaClient, 'loan'>, id: string) => tx.loan.findUniqueOrThrow({ where: { id } });
  return {
    definition: LOAN_CHAIN_DEFINITION,

    async load(db, id) {
      const loan = await db.loan.findUniqueOrThrow({ where: { id }, include: { unit: true } });
      return {
        unitId: loan.unitId, createdById: loan.createdById, priority: 0,
        facts: { noun: LOAN_CHAIN_DEFINITION.subject, number: loan.number, lines: loanFactLines(loan), path: `/loans/${id}` },
      };
    },

    effects: {
      reserve_advance: async (tx, i) => reserveAdvance(tx, await loanRow(tx, i.subjectId), i.actorId, now()),
      release_advance: async (tx, i) => releaseAdvance(tx, await loanRow(tx, i.subjectId), i.actorId),
    },

    async moveTo(tx, i) {
      await tx.$executeRaw(moveLoan(i));
    },
    moveSql: moveLoan,

    // R-L6: only the county executive meeting approves a loan, so the meeting is recorded as that.
    decisionColumns: (i) => (i.step === 'executive_meeting' ? { meetingKind: 'executive' } : {}),

    async resubmit(tx, i) {
      const app = i.content as LoanApplication;
      await tx.loan.update({
        where: { id: i.subjectId },
        data: {
          step: 'finance_review', status: 'in_review', amount: app.amount, purpose: app.purpose, purposeDetails: app.purposeDetails,
          repaymentSource: app.repaymentSource, termMonths: app.termMonths ?? null,
          requestedDueDate: app.requestedDueDate ? toDateColumn(app.requestedDueDate) : null, instalmentPlan: app.instalmentPlan ?? undefined,
          noOnLendingDeclared: app.noOnLendingDeclared === true, fundsNewSpending: app.fundsNewSpending,
        },
      });
      // A hold released by the return is taken afresh when finance approves the new round (R-L8).
      await tx.loan.updateMany({ where: { id: i.subjectId, capHold: 'released' }, data: { capHold: 'none' } });
      await writeAudit(tx, {
        eventKey: `${i.subjectId}:resubmitted:r${i.round}`, actorId: i.actorId, subjectType: 'loan', subjectId: i.subjectId,
        data: { type: 'loan_resubmitted', round: i.round, amount: app.amount, purpose: app.purpose, ...(app.termMonths !== undefined ? { termMonths: app.termMonths } : {}) },
      });
    },

    ownCommand: (step, loanId) => (step === 'disbursement'
      ? [
        '放款请在系统中办理（须指定借出责任人 R-L7，确定还款日期 R-L4）。',
        'Please disburse in the system: it asks for the responsible lending officer (R-L7) and the due date (R-L4).',
        `办理放款 / Disburse: ${publicUrl}/loans/${loanId}`,
      ]
      : undefined),

    async mailOutcome(loanId, position, comment) {
      if (position === 'rejected' || position === 'withdrawn') await mailLoanNews({ loanId, news: position === 'rejected' ? { kind: 'rejected', comment } : { kind: 'withdrawn', comment } });
    },
  };
}

/** The loan's new step and status (its waiting time follows by trigger). */
const moveLoan = (i: { subjectId: string; next: string }): Prisma.Sql =>
  Prisma.sql`UPDATE "Loan" SET step = ${i.next}, status = ${loanStatus(i.next as LoanPosition)}, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = ${i.subjectId}`;
