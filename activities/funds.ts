import { ApplicationFailure } from '@temporalio/activity';
import { Prisma } from '../prisma/client';
import type { SqlTx } from '../prisma/direct-sql';
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
export async function reserveFunds(tx: SqlTx, i: FundsInput): Promise<void> {
  const held = await heldFor(tx, i.requestId);
  if (held?.status === 'reserved') return;
  const updated = await tx.$executeRaw(Prisma.sql`
    UPDATE "FiscalYear" SET reserved = reserved + ${i.amount}::numeric, "updatedAt" = now()
    WHERE year = ${i.fiscalYear} AND "availableResources" - reserved - committed >= ${i.amount}::numeric`);
  if (updated === 0) {
    const [fy] = await tx.$queryRaw<{ availableResources: string; reserved: string; committed: string }[]>(Prisma.sql`
      SELECT "availableResources"::text AS "availableResources", reserved::text AS reserved, committed::text AS committed FROM "FiscalYear" WHERE year = ${i.fiscalYear}`);
    if (!fy) throw ruleFailure([missingFiguresViolation(i.fiscalYear, 'R-B3')]);
    throw ruleFailure(checkFiscalCapacity(i.amount, {
      availableResources: normalizeYuan(fy.availableResources), reserved: normalizeYuan(fy.reserved), committed: normalizeYuan(fy.committed),
    }));
  }
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "Reservation" ("requestId", "fiscalYear", amount, status, "createdAt", "updatedAt")
    VALUES (${i.requestId}, ${i.fiscalYear}::int, ${i.amount}::numeric, 'reserved', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT ("requestId") DO UPDATE SET "fiscalYear" = EXCLUDED."fiscalYear", amount = EXCLUDED.amount, status = 'reserved', "updatedAt" = EXCLUDED."updatedAt"`);
  await auditFunds(tx, 'funds_reserved', i);
}

/** The request's reservation, if any (amount as exact text). */
async function heldFor(tx: SqlTx, requestId: string): Promise<{ status: string; fiscalYear: number; amount: string } | undefined> {
  const [held] = await tx.$queryRaw<{ status: string; fiscalYear: number; amount: string }[]>(Prisma.sql`
    SELECT status, "fiscalYear", amount::text AS amount FROM "Reservation" WHERE "requestId" = ${requestId}`);
  return held;
}

/** The reservation's new status (released, committed). */
const setHeld = (tx: SqlTx, requestId: string, status: string) =>
  tx.$executeRaw(Prisma.sql`UPDATE "Reservation" SET status = ${status}, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "requestId" = ${requestId}`);

/** Gives a reservation back (reject, return, objection). */
export async function releaseFunds(tx: SqlTx, i: HeldInput): Promise<void> {
  const held = await heldFor(tx, i.requestId);
  if (held?.status !== 'reserved') return;
  await tx.$executeRaw(Prisma.sql`UPDATE "FiscalYear" SET reserved = reserved - ${held.amount}::numeric, "updatedAt" = now() WHERE year = ${held.fiscalYear}`);
  await setHeld(tx, i.requestId, 'released');
  await auditFunds(tx, 'funds_released', { ...i, fiscalYear: held.fiscalYear, amount: normalizeYuan(held.amount) });
}

/** Turns the reservation into a commitment once the NPC standing committee has approved (step 6). */
export async function commitFunds(tx: SqlTx, i: HeldInput): Promise<void> {
  const held = await heldFor(tx, i.requestId);
  if (held?.status !== 'reserved') return;
  await tx.$executeRaw(Prisma.sql`
    UPDATE "FiscalYear" SET reserved = reserved - ${held.amount}::numeric, committed = committed + ${held.amount}::numeric, "updatedAt" = now()
    WHERE year = ${held.fiscalYear}`);
  await setHeld(tx, i.requestId, 'committed');
  await auditFunds(tx, 'funds_committed', { ...i, fiscalYear: held.fiscalYear, amount: normalizeYuan(held.amount) });
}

async function auditFunds(tx: SqlTx, type: 'funds_reserved' | 'funds_released' | 'funds_committed', i: FundsInput) {
  await writeAudit(tx, {
    eventKey: `${i.requestId}:${type}:r${i.round}`,
    actorId: i.actorId, subjectType: 'budget', subjectId: i.requestId,
    data: { type, fiscalYear: i.fiscalYear, amount: i.amount },
  });
}
