import { Prisma } from '../prisma/client';
import type { SqlTx } from '../prisma/direct-sql';
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
 * migration `audit_chain` defines it), in one statement: `audit_append` (migration …_audit_append)
 * takes a per-subject advisory lock, held to the end of the writer's transaction, which queues
 * concurrent writers of one subject so none forks the chain, and reads the head after taking it.
 * A second write with the same key is a no-op and leaves the chain as it was; the conflict target is
 * the key alone, so a fork (the unique subject+seq index) fails loudly.
 */
export async function writeAudit(db: Pick<SqlTx, '$executeRaw'>, e: AuditEntry): Promise<void> {
  await db.$executeRaw(auditSql(e));
}

/** The statement appending `e` (also the tail of a statement that writes what it records, in one round trip). */
export const auditSql = (e: AuditEntry): Prisma.Sql =>
  Prisma.sql`SELECT audit_append(${e.eventKey}, ${e.actorId ?? null}::text, ${e.subjectType}, ${e.subjectId}, ${e.data.type}, ${JSON.stringify(e.data)}::jsonb)`;
