import { ApplicationFailure } from '@temporalio/activity';
import type { Tx } from '../prisma/client';
import { checkFiscalCapacity, missingFiguresViolation, normalizeYuan, Violation } from '../domain';
import { writeAudit } from './audit';

const ruleFailure = (violations: Violation[]) => ApplicationFailure.create({
  type: 'RuleViolation', nonRetryable: true, details: [violations],
  message: violations.map((v) => `${v.ruleId} ${v.zh}: ${v.detail}`).join('; '),
});

interface FundsInput { requestId: string; round: number; fiscalYear: number; amount: string; actorId: string }
type HeldInput = Pick<FundsInput, 'requestId' | 'round' | 'actorId'>;

/**
 * R-B3: holds `amount` against the year's available resources. The conditional UPDATE is atomic
 * in PostgreSQL, so concurrent reservations can never together exceed what is available.
 */
export async function reserveFunds(tx: Tx, i: FundsInput): Promise<void> {
  const held = await tx.reservation.findUnique({ where: { requestId: i.requestId } });
  if (held?.status === 'reserved') return;
  const updated = await tx.$executeRaw`
    UPDATE "FiscalYear" SET reserved = reserved + ${i.amount}::numeric, "updatedAt" = now()
    WHERE year = ${i.fiscalYear} AND "availableResources" - reserved - committed >= ${i.amount}::numeric`;
  if (updated === 0) {
    const fy = await tx.fiscalYear.findUnique({ where: { year: i.fiscalYear } });
    if (!fy) throw ruleFailure([missingFiguresViolation(i.fiscalYear, 'R-B3')]);
    throw ruleFailure(checkFiscalCapacity(i.amount, {
      availableResources: normalizeYuan(fy.availableResources), reserved: normalizeYuan(fy.reserved), committed: normalizeYuan(fy.committed),
    }));
  }
  await tx.reservation.upsert({
    where: { requestId: i.requestId },
    create: { requestId: i.requestId, fiscalYear: i.fiscalYear, amount: i.amount, status: 'reserved' },
    update: { fiscalYear: i.fiscalYear, amount: i.amount, status: 'reserved' },
  });
  await auditFunds(tx, 'funds_reserved', i);
}

/** Gives a reservation back (reject, return, objection). */
export async function releaseFunds(tx: Tx, i: HeldInput): Promise<void> {
  const held = await tx.reservation.findUnique({ where: { requestId: i.requestId } });
  if (held?.status !== 'reserved') return;
  await tx.$executeRaw`UPDATE "FiscalYear" SET reserved = reserved - ${held.amount}::numeric, "updatedAt" = now() WHERE year = ${held.fiscalYear}`;
  await tx.reservation.update({ where: { requestId: i.requestId }, data: { status: 'released' } });
  await auditFunds(tx, 'funds_released', { ...i, fiscalYear: held.fiscalYear, amount: normalizeYuan(held.amount) });
}

/** Turns the reservation into a commitment once the NPC standing committee has approved (step 6). */
export async function commitFunds(tx: Tx, i: HeldInput): Promise<void> {
  const held = await tx.reservation.findUnique({ where: { requestId: i.requestId } });
  if (held?.status !== 'reserved') return;
  await tx.$executeRaw`
    UPDATE "FiscalYear" SET reserved = reserved - ${held.amount}::numeric, committed = committed + ${held.amount}::numeric, "updatedAt" = now()
    WHERE year = ${held.fiscalYear}`;
  await tx.reservation.update({ where: { requestId: i.requestId }, data: { status: 'committed' } });
  await auditFunds(tx, 'funds_committed', { ...i, fiscalYear: held.fiscalYear, amount: normalizeYuan(held.amount) });
}

async function auditFunds(tx: Tx, type: 'funds_reserved' | 'funds_released' | 'funds_committed', i: FundsInput) {
  await writeAudit(tx, {
    eventKey: `${i.requestId}:${type}:r${i.round}`,
    actorId: i.actorId, subjectType: 'budget', subjectId: i.requestId,
    data: { type, fiscalYear: i.fiscalYear, amount: i.amount },
  });
}
