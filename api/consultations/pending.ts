import type { PrismaClient } from '../../prisma/client';
import { AppError } from '../errors';
import { directQuery } from '../../prisma/direct-sql';

/**
 * The consultations the user `$2` asked on the task `t` that are still unanswered, oldest first, as a
 * JSON array of consultees ({ id, displayName }): a column of any read of "Task" t that binds the user as $2.
 */
export const WAITING_ON_SQL = `COALESCE((SELECT json_agg(json_build_object('id', u.id, 'displayName', u."displayName") ORDER BY c."askedAt", c.id)
        FROM "Consultation" c JOIN "User" u ON u.id = c."consulteeId"
        WHERE c."taskId" = t.id AND c."askedById" = $2 AND c."answeredAt" IS NULL), '[]')`;

/** The consultations `askedById` asked on a task that are still unanswered, with the consultees' names. */
export async function unansweredConsultations(prisma: PrismaClient, taskId: string, askedById: string): Promise<{ consultee: { id: string; displayName: string } }[]> {
  const [row] = await directQuery<{ waitingOn: { id: string; displayName: string }[] }>(prisma,
    `SELECT ${WAITING_ON_SQL} AS "waitingOn" FROM "Task" t WHERE t.id = $1`, [taskId, askedById]);
  return (row?.waitingOn ?? []).map((consultee) => ({ consultee }));
}

/** 409: the approver's decision waits for the opinions they asked, unless they proceed anyway. */
export function consultationPending(waiting: { consultee: { displayName: string } }[]): AppError {
  const names = waiting.map((c) => c.consultee.displayName).join('、');
  return new AppError(409, 'consultation_pending',
    `您征求的意见尚未答复（${names}），请待答复后再办理，或选择“不等答复，继续办理”（proceedAnyway: true） / the opinions you asked (${names}) are not answered yet: wait for them, or decide with proceedAnyway: true`,
    { field: 'proceedAnyway' });
}
