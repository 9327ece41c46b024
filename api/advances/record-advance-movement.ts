import type { PrismaClient } from '../../prisma/client';
import { Actor, chinaDate, hasRole, normalizeYuan, toDateColumn, toFen } from '../../domain';
import { lowerOutstanding } from '../../activities/loan-cap';
import { writeAudit } from '../../activities/audit';
import { AppError, conflict, forbidden, notFound } from '../errors';
import type { z } from 'zod';
import type { ZAdvanceMovement } from './schema';

export interface RecordAdvanceMovementOptions {
  prisma: PrismaClient;
  actor: Actor;
  advanceId: string;
  kind: 'repayment' | 'write_off';
  movement: z.infer<typeof ZAdvanceMovement>;
  now?: number;
}

/** Who may move an opening-stock balance: the treasury collects (谁借出，谁回收, R-L7), only the director writes off. */
export function assertMayMove(actor: Actor, kind: 'repayment' | 'write_off') {
  if (kind === 'repayment' && hasRole(actor, 'treasury_officer', 'finance_director')) return;
  if (kind === 'write_off' && hasRole(actor, 'finance_director')) return;
  throw forbidden(kind === 'repayment'
    ? '存量暂付款的回收由国库股或财政局局长登记 / repayments of opening stock are recorded by the treasury or the finance director'
    : '核销只能由财政局局长办理 / only the finance director writes off an advance', 'wrong_role');
}

/**
 * A repayment or write-off of an opening-stock advance, like a loan's repayment: once per payment
 * reference, never more than the balance (one conditional UPDATE), closing the row at zero; the county's
 * outstanding balance drops by exactly the amount in the same transaction. Loans are repaid through
 * their own workflow (POST /loans/:id/repayments).
 */
export async function recordAdvanceMovement({ prisma, actor, advanceId, kind, movement: m, now = Date.now() }: RecordAdvanceMovementOptions) {
  assertMayMove(actor, kind);
  if (m.on > chinaDate(now)) throw new AppError(400, 'invalid_input', '日期不能晚于今天 / the date cannot be in the future', { fields: [{ field: 'on', message: 'cannot be after today (China date)' }] });
  return prisma.$transaction(async (tx) => {
    const advance = await tx.advance.findUnique({ where: { id: advanceId } });
    if (!advance) throw notFound('暂付款 / advance');
    if (advance.origin !== 'opening_stock') throw conflict('advance_is_loan', '借款的还款在借款页面登记 / a loan is repaid on its own page (POST /loans/:id/repayments)');
    const seen = await tx.advanceMovement.findUnique({ where: { advanceId_paymentId: { advanceId, paymentId: m.paymentId } } });
    if (seen) {
      if (normalizeYuan(seen.amount) !== m.amount || seen.kind !== kind) throw conflict('payment_reference_reused', `编号 ${m.paymentId} 已登记过另一笔 / ${m.paymentId} was recorded with another amount or kind`);
      return { movement: seen, advance, replayed: true };
    }
    const writeOff = kind === 'write_off' ? m.amount : '0.00';
    const [row] = await tx.$queryRaw<{ outstanding: string }[]>`
      UPDATE "Advance" SET outstanding = outstanding - ${m.amount}::numeric, "writtenOff" = "writtenOff" + ${writeOff}::numeric,
        status = CASE WHEN outstanding - ${m.amount}::numeric = 0 THEN 'closed' ELSE status END, "updatedAt" = now()
      WHERE id = ${advanceId} AND outstanding >= ${m.amount}::numeric
      RETURNING outstanding::text AS outstanding`;
    if (!row) throw new AppError(422, 'over_repayment', `${m.amount} 元超过余额 ${normalizeYuan(advance.outstanding)} 元 / more than the ${normalizeYuan(advance.outstanding)} outstanding`, { field: 'amount' });
    await lowerOutstanding(tx, m.amount);
    const outstandingAfter = normalizeYuan(row.outstanding);
    const movement = await tx.advanceMovement.create({
      data: { id: crypto.randomUUID(), advanceId, kind, paymentId: m.paymentId, amount: m.amount, on: toDateColumn(m.on), reference: m.reference ?? null, outstandingAfter, recordedById: actor.userId },
    });
    await writeAudit(tx, {
      eventKey: `advance:${advanceId}:${kind}:${m.paymentId}`, actorId: actor.userId, subjectType: 'advance', subjectId: advanceId,
      data: { type: kind === 'repayment' ? 'advance_repaid' : 'advance_written_off', paymentId: m.paymentId, amount: m.amount, on: m.on, outstandingAfter, ...(m.reference ? { reference: m.reference } : {}) },
    });
    return { movement, advance: { ...advance, outstanding: outstandingAfter, status: toFen(outstandingAfter) === 0n ? 'closed' : advance.status }, replayed: false };
  });
}
