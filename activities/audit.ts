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

/** Appends an audit event; a second write with the same key is a no-op. */
export async function writeAudit(db: Tx | PrismaClient, e: AuditEntry): Promise<void> {
  await db.auditEvent.createMany({
    data: [{ eventKey: e.eventKey, actorId: e.actorId ?? null, subjectType: e.subjectType, subjectId: e.subjectId, type: e.data.type, data: e.data as object }],
    skipDuplicates: true,
  });
}
