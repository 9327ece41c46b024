import { Prisma } from '../../prisma/client';

/** The decision row as the engine writes it (columns of "Decision", `decidedAt` aside). */
export interface DecisionRow {
  id: string; subjectType: string; subjectId: string; round: number; step: string; actorId: string; action: string; actorRole: string;
  comment: string | null; meetingKind: string | null; meetingReference: string | null; resolutionReference: string | null;
  onBehalfOfId: string | null; proceededAnyway: boolean;
}

/**
 * A decision that has no effect, in one statement (one round trip, one implicit transaction): the
 * decision row, the step's tasks closed, the subject moved (`move`, an UPDATE ending in its WHERE) and
 * the audit event (`audit`, a SELECT of audit_append), and the mail it owes (`owed`, an INSERT of the
 * mail outbox's job, keyed, so a retry owes it once). The row's unique key makes a retry insert
 * nothing, and everything else runs only for a row this statement inserted, so a retry changes
 * nothing twice. The task triggers run at the statement's end and see the subject's new step.
 */
export function plainDecisionSql(d: DecisionRow, closeTasks: Prisma.Sql, move: Prisma.Sql, audit: Prisma.Sql, owed?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`WITH decided AS (${insertDecisionSql(d)} RETURNING id), closed AS (${closeTasks} AND EXISTS (SELECT 1 FROM decided)),
    moved AS (${move} AND EXISTS (SELECT 1 FROM decided)),${owed ? Prisma.sql` owed AS (${owed}),` : Prisma.empty}
    audited AS (${audit} FROM decided)
    SELECT count(*)::int AS recorded FROM audited`; // a SELECT in WITH runs only when read: reading it appends the event
}

/**
 * The decision row's INSERT, writing nothing when the actor's decision on the step is already there
 * (a retry): its row count says whether this call recorded it.
 */
export function insertDecisionSql(d: DecisionRow): Prisma.Sql {
  return Prisma.sql`INSERT INTO "Decision" (id, "subjectType", "subjectId", round, step, "actorId", action, "actorRole", comment, "meetingKind",
        "meetingReference", "resolutionReference", "onBehalfOfId", "proceededAnyway", "decidedAt")
      VALUES (${d.id}, ${d.subjectType}, ${d.subjectId}, ${d.round}, ${d.step}, ${d.actorId}, ${d.action}, ${d.actorRole}, ${d.comment}, ${d.meetingKind},
        ${d.meetingReference}, ${d.resolutionReference}, ${d.onBehalfOfId}, ${d.proceededAnyway}, now() AT TIME ZONE 'UTC')
      ON CONFLICT ("subjectId", round, step, "actorId") DO NOTHING`;
}
