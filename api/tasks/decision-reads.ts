import type { PrismaClient } from '../../prisma/client';
import { directQuery } from '../../prisma/direct-sql';
import { WAITING_ON_SQL } from '../consultations/pending';

/**
 * The reads on a decision's HTTP path, each one statement on the pg pool: an approver's click reads
 * the task, the opinions it waits for and, once decided, the task and the decision to answer with.
 * Through Prisma these were five statements at a few milliseconds of CPU each, on every decision.
 * Timestamps are read as `timestamptz` so the process's time zone cannot shift them.
 */

export interface TaskToDecide {
  id: string; subjectType: string; subjectId: string; round: number; step: string; status: string;
  assigneeId: string; delegateId: string | null; decisionAttempt: number; decidedById: string | null;
  /** the unanswered consultations the deciding user asked on it, oldest first */
  waitingOn: { consultee: { id: string; displayName: string } }[];
}

/** The task and the opinions `userId` asked on it that are still unanswered (征求意见), in one read. */
export async function readTaskToDecide(prisma: PrismaClient, taskId: string, userId: string): Promise<TaskToDecide | undefined> {
  const [row] = await directQuery<Omit<TaskToDecide, 'waitingOn'> & { waitingOn: { id: string; displayName: string }[] }>(prisma, `
    SELECT t.id, t."subjectType", t."subjectId", t.round, t.step, t.status, t."assigneeId", t."delegateId", t."decisionAttempt", t."decidedById",
      ${WAITING_ON_SQL} AS "waitingOn"
    FROM "Task" t WHERE t.id = $1`, [taskId, userId]);
  return row && { ...row, waitingOn: row.waitingOn.map((consultee) => ({ consultee })) };
}

export interface ClosedTask {
  id: string; subjectType: string; subjectId: string; round: number; step: string; role: string; status: string; priority: number;
  openedAt: Date; closedAt: Date | null; assigneeId: string;
}

export interface RecordedDecision {
  id: string; round: number; step: string; action: string; actorId: string; actor: { displayName: string }; actorRole: string;
  comment: string | null; decidedAt: Date; onBehalfOfId: string | null; onBehalfOf: { displayName: string } | null; proceededAnyway: boolean;
  meetingKind: string | null; meetingReference: string | null; resolutionReference: string | null;
}

/** The task as it stands after a decision, and `actorId`'s decision on its step (if recorded), in one read. */
export async function readDecidedTask(prisma: PrismaClient, taskId: string, actorId: string): Promise<{ task: ClosedTask; decision?: RecordedDecision }> {
  const [row] = await directQuery<ClosedTask & { decision: (Omit<RecordedDecision, 'decidedAt'> & { decidedAt: string }) | null }>(prisma, `
    SELECT t.id, t."subjectType", t."subjectId", t.round, t.step, t.role, t.status, t.priority, t."assigneeId",
      t."openedAt" AT TIME ZONE 'UTC' AS "openedAt", t."closedAt" AT TIME ZONE 'UTC' AS "closedAt",
      (SELECT json_build_object('id', d.id, 'round', d.round, 'step', d.step, 'action', d.action, 'actorId', d."actorId",
          'actor', json_build_object('displayName', a."displayName"), 'actorRole', d."actorRole", 'comment', d.comment,
          'decidedAt', to_char(d."decidedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'onBehalfOfId', d."onBehalfOfId",
          'onBehalfOf', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('displayName', o."displayName") END,
          'proceededAnyway', d."proceededAnyway", 'meetingKind', d."meetingKind", 'meetingReference', d."meetingReference",
          'resolutionReference', d."resolutionReference")
        FROM "Decision" d JOIN "User" a ON a.id = d."actorId" LEFT JOIN "User" o ON o.id = d."onBehalfOfId"
        WHERE d."subjectId" = t."subjectId" AND d.round = t.round AND d.step = t.step AND d."actorId" = $2) AS decision
    FROM "Task" t WHERE t.id = $1`, [taskId, actorId]);
  if (!row) throw new Error(`task ${taskId} vanished after its decision`);
  const { decision, ...task } = row;
  return { task, ...(decision ? { decision: { ...decision, decidedAt: new Date(decision.decidedAt) } } : {}) };
}
