import { ApplicationFailure } from '@temporalio/common';
import { chinaTime, addDays, dateColumn, normalizeYuan, RULES, subYuan, toDateColumn, Yuan } from '../domain';
import { writeAudit } from './audit';
import { DutyDeps, mailEscalation, recordLateDuty } from './duty-people';
import { FAILURE_RULE_VIOLATION } from '../workflows/budget-messages';

export const transferLink = (id: string) => `/duties/transfers/${id}`;

/** What the transfer's workflow watches: the onward deadline (end of its China day) and what is left to pass on. */
export interface WatchedTransfer { transferId: string; documentNumber: string; deadlineAt: number; left: Yuan; large: boolean }

/** R-B7: the side effects of a transfer from above; each is idempotent. */
export function createTransferActivities(d: DutyDeps) {
  const { prisma, mailer, publicUrl } = d;
  const read = async (transferId: string): Promise<WatchedTransfer> => {
    const t = await prisma.transfer.findUniqueOrThrow({ where: { id: transferId } });
    return {
      transferId, documentNumber: t.documentNumber, deadlineAt: chinaTime(addDays(dateColumn(t.onwardDeadline), 1)),
      left: subYuan(normalizeYuan(t.amount), normalizeYuan(t.allocated)), large: t.large,
    };
  };

  return {
    readTransfer: ({ transferId }: { transferId: string }) => read(transferId),

    /**
     * Records a part passed on to a receiving unit, once per reference; refused (R-B7) when it is more
     * than what is left. The conditional UPDATE keeps two allocations from passing on the same money.
     */
    async recordTransferAllocation(a: { transferId: string; unitId: string; amount: Yuan; reference: string; allocatedOn: string; actorId: string }): Promise<{ left: Yuan; replayed: boolean }> {
      const seen = await prisma.transferAllocation.findUnique({ where: { transferId_reference: { transferId: a.transferId, reference: a.reference } } });
      if (seen) return { left: (await read(a.transferId)).left, replayed: true };
      await prisma.$transaction(async (tx) => {
        const claimed = await tx.$executeRaw`
          UPDATE "Transfer" SET allocated = allocated + ${a.amount}::numeric,
            status = CASE WHEN allocated + ${a.amount}::numeric = amount THEN 'allocated' ELSE status END
          WHERE id = ${a.transferId} AND allocated + ${a.amount}::numeric <= amount`;
        if (claimed === 0) {
          const v = { ruleId: 'R-B7', zh: RULES['R-B7'].zh, detail: `下达金额超过待下达余额 / the amount is more than what is left to pass on`, field: 'amount' };
          throw ApplicationFailure.create({ type: FAILURE_RULE_VIOLATION, nonRetryable: true, message: v.detail, details: [[v]] });
        }
        await tx.transferAllocation.create({ data: { id: crypto.randomUUID(), transferId: a.transferId, unitId: a.unitId, amount: a.amount, reference: a.reference, allocatedOn: toDateColumn(a.allocatedOn), recordedById: a.actorId } });
        const t = await tx.transfer.findUniqueOrThrow({ where: { id: a.transferId } });
        await writeAudit(tx, {
          eventKey: `transfer:${a.transferId}:allocated:${a.reference}`, actorId: a.actorId, subjectType: 'transfer', subjectId: a.transferId,
          data: { type: 'transfer_allocated', reference: a.reference, unitId: a.unitId, amount: a.amount, left: subYuan(normalizeYuan(t.amount), normalizeYuan(t.allocated)) },
        });
      });
      return { left: (await read(a.transferId)).left, replayed: false };
    },

    /** Reminds the responsible officer `daysBefore` the onward deadline (once per transfer and reminder). */
    async remindTransfer({ transferId, daysBefore }: { transferId: string; daysBefore: number }): Promise<void> {
      const t = await prisma.transfer.findUniqueOrThrow({ where: { id: transferId } });
      if (t.status !== 'open') return;
      const officer = await prisma.user.findUniqueOrThrow({ where: { id: t.responsibleOfficerId } });
      const left = subYuan(normalizeYuan(t.amount), normalizeYuan(t.allocated));
      await mailer.send({
        key: `transfer:${transferId}:remind:${daysBefore}:${officer.id}`, to: officer.email,
        subject: `提醒：上级专项资金 ${t.documentNumber} 尚有 ${left} 元待下达，期限 ${dateColumn(t.onwardDeadline)} / Transfer to pass on by its deadline`,
        text: `R-B7「${RULES['R-B7'].zh}」\n\n按文件要求应于 ${dateColumn(t.onwardDeadline)} 前下达到用款单位，尚有 ${left} 元未下达。\n${left} yuan of it is still to be passed on by ${dateColumn(t.onwardDeadline)}.\n\n${publicUrl}${transferLink(transferId)}`,
      });
    },

    /** Not passed on by the deadline: level 1 writes the R-M4 late-duty record and tells the director; level 2 the principal leaders. */
    async escalateTransfer({ transferId, level }: { transferId: string; level: 1 | 2 }): Promise<void> {
      const t = await prisma.transfer.findUniqueOrThrow({ where: { id: transferId } });
      if (t.status !== 'open') return;
      const what = `上级专项资金 ${t.documentNumber} 未按期下达`;
      const dueAt = new Date(chinaTime(addDays(dateColumn(t.onwardDeadline), 1)));
      if (level === 1) {
        await recordLateDuty(prisma, { subjectType: 'transfer', subjectId: transferId, dueAt, reason: what });
        await prisma.transfer.update({ where: { id: transferId }, data: { late: true } });
      }
      const recipients = await mailEscalation(d, { key: `transfer:${transferId}`, level, what, dueAt, link: transferLink(transferId) });
      await writeAudit(prisma, { eventKey: `transfer:${transferId}:escalated:${level}`, subjectType: 'transfer', subjectId: transferId, data: { type: 'duty_escalated', duty: what, level, recipients } });
    },
  };
}

export type TransferActivities = ReturnType<typeof createTransferActivities>;
