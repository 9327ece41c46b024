import type { Tx, PrismaClient } from '../prisma/client';
import type { AuditEventData } from '../domain';

export interface AuditEntry {
  /** unique per event, so a retried activity writes it once */
  eventKey: string;
  actorId?: string | null;
  /** a chain's id (budget, loan, …) or another record kind (fiscal_year, disbursements, advance, advances) */
  subjectType: string;
  subjectId: string;
  data: AuditEventData;
}

/**
 * Appends an audit event to its subject's chain (seq, the previous event's hash, its own hash as the
 * migration `audit_chain` defines it). A per-subject advisory lock, held to the end of the writer's
 * transaction, queues concurrent writers of one subject so none forks the chain; the INSERT reads the
 * head after taking it. A second write with the same key is a no-op and leaves the chain as it was;
 * the conflict target is the key alone, so a fork (the unique subject+seq index) fails loudly.
 */
export async function writeAudit(db: Tx | PrismaClient, e: AuditEntry): Promise<void> {
  if ('$transaction' in db) return db.$transaction((tx) => writeAudit(tx, e));
  const data = JSON.stringify(e.data);
  const actorId = e.actorId ?? null;
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${e.subjectType}/${e.subjectId}`}::text, 0))`;
  await db.$executeRaw`WITH head AS (
      SELECT "seq", "hash" FROM "AuditEvent" WHERE "subjectType" = ${e.subjectType} AND "subjectId" = ${e.subjectId} ORDER BY "seq" DESC LIMIT 1
    ), v AS (
      SELECT (now() AT TIME ZONE 'UTC')::timestamp(3) AS at, coalesce((SELECT "seq" FROM head), 0) + 1 AS seq, (SELECT "hash" FROM head) AS prev
    )
    INSERT INTO "AuditEvent" ("eventKey", "actorId", "subjectType", "subjectId", "type", "data", "at", "seq", "prevHash", "hash")
    SELECT ${e.eventKey}, ${actorId}, ${e.subjectType}, ${e.subjectId}, ${e.data.type}, ${data}::jsonb, v.at, v.seq, v.prev,
      audit_event_hash(v.prev, v.seq, ${e.eventKey}, v.at, ${actorId}::text, ${e.subjectType}, ${e.subjectId}, ${e.data.type}, ${data}::jsonb)
    FROM v
    ON CONFLICT ("eventKey") DO NOTHING`;
}
