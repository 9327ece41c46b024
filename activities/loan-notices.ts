import type { PrismaClient } from '../prisma/client';
import { toDateColumn, normalizeYuan, PlannedNotice, toFen } from '../domain';
import { writeAudit } from './audit';
import type { Mailer } from './mail';
import { ladderRecipients } from './loan-assignees';
import { loanNoticeMail } from './loan-mails';

/**
 * R-L10: one notice of a loan's reminder and escalation ladder. Written once per (loan, seq) and
 * mailed once per recipient, so a retried activity sends nothing twice; nothing is sent for a
 * loan that is already repaid.
 */
export function createLoanNoticeActivities({ prisma, mailer, publicUrl }: { prisma: PrismaClient; mailer: Mailer; publicUrl: string }) {
  return {
    async sendLoanNotice({ loanId, notice }: { loanId: string; notice: PlannedNotice }): Promise<{ sent: boolean; recipients: string[] }> {
      const loan = await prisma.loan.findUniqueOrThrow({ where: { id: loanId }, include: { unit: true } });
      const stored = await prisma.loanNotice.findUnique({ where: { loanId_seq: { loanId, seq: notice.seq } } });
      if (!stored && (loan.step !== 'repayment' || toFen(normalizeYuan(loan.outstanding)) === 0n)) return { sent: false, recipients: [] };
      const people = await ladderRecipients(prisma, loan, notice.recipients);
      const outstanding = normalizeYuan(stored?.outstanding ?? loan.outstanding);
      if (!stored) {
        await prisma.$transaction(async (tx) => {
          const created = await tx.loanNotice.createMany({
            data: [{
              id: crypto.randomUUID(), loanId, seq: notice.seq, rungId: notice.rungId, kind: notice.kind, noticeDate: toDateColumn(notice.date),
              daysFromDue: notice.daysFromDue, recipients: people.map((p) => p.id), outstanding, interview: notice.interview, accountability: notice.accountability,
            }],
            skipDuplicates: true,
          });
          if (created.count === 0) return;
          await writeAudit(tx, {
            eventKey: `${loanId}:notice:${notice.seq}`, subjectType: 'loan', subjectId: loanId,
            data: {
              type: 'loan_notice_sent', seq: notice.seq, rungId: notice.rungId, kind: notice.kind, date: notice.date, daysFromDue: notice.daysFromDue,
              recipients: people.map((p) => p.id), outstanding, interview: notice.interview, accountability: notice.accountability,
            },
          });
          const flagged = { seq: notice.seq, daysOverdue: notice.daysFromDue, outstanding, responsibleOfficerId: loan.responsibleOfficerId };
          if (notice.interview) {
            await writeAudit(tx, { eventKey: `${loanId}:interview:${notice.seq}`, subjectType: 'loan', subjectId: loanId, data: { type: 'loan_interview_flagged', ...flagged } });
          }
          if (notice.accountability) {
            await writeAudit(tx, { eventKey: `${loanId}:accountability:${notice.seq}`, subjectType: 'loan', subjectId: loanId, data: { type: 'loan_accountability_recorded', ...flagged } });
          }
        });
      }
      const row = await prisma.loanNotice.findUniqueOrThrow({ where: { loanId_seq: { loanId, seq: notice.seq } } });
      const to = await prisma.user.findMany({ where: { id: { in: row.recipients } }, orderBy: { username: 'asc' } });
      const mail = loanNoticeMail({ loan: { ...loan, outstanding: row.outstanding }, notice, publicUrl });
      for (const u of to) await mailer.send({ key: `loan:${loanId}:notice:${notice.seq}:${u.id}`, to: u.email, ...mail });
      return { sent: true, recipients: row.recipients };
    },
  };
}
