import type { PrismaClient, Tx } from '../../prisma/client';
import { directQuery } from '../../prisma/direct-sql';

type Db = PrismaClient | Tx;

/** Absences running at `at` (started, not ended, not cancelled). */
export const runningAt = (at: Date) => ({ startsAt: { lte: at }, endsAt: { gt: at }, cancelledAt: null });

/** The absences of `userIds` running at `at`, with their substitutes, by the absent user's id. */
export async function runningAbsences(db: Db, userIds: string[], at = new Date()) {
  const rows = userIds.length
    ? await db.absence.findMany({ where: { userId: { in: userIds }, ...runningAt(at) }, include: { substitute: true, user: true }, orderBy: { startsAt: 'asc' } })
    : [];
  return new Map(rows.map((a) => [a.userId, a]));
}

/** The users `substituteId` stands in for at `at`. */
export async function representedBy(db: Db, substituteId: string, at = new Date()): Promise<string[]> {
  const rows = await db.absence.findMany({ where: { substituteId, ...runningAt(at) }, select: { userId: true } });
  return [...new Set(rows.map((r) => r.userId))];
}

/**
 * `runningAbsences` as a task's mail needs it (the substitute and the absence's end), in one statement
 * on the pg pool: every step's mail asks it for each of its tasks.
 */
async function runningSubstitutes(db: Db, userIds: string[], at: Date): Promise<Map<string, { substitute: Person; endsAt: Date }>> {
  if (!userIds.length) return new Map();
  const rows = await directQuery<{ userId: string; endsAt: Date; substitute: Person }>(db, `
    SELECT a."userId", a."endsAt" AT TIME ZONE 'UTC' AS "endsAt", json_build_object('id', s.id, 'email', s.email, 'displayName', s."displayName") AS substitute
    FROM "Absence" a JOIN "User" s ON s.id = a."substituteId"
    WHERE a."userId" = ANY($1::text[]) AND a."cancelledAt" IS NULL
      AND a."startsAt" <= $2::timestamptz AT TIME ZONE 'UTC' AND a."endsAt" > $2::timestamptz AT TIME ZONE 'UTC'
    ORDER BY a."startsAt"`, [userIds, at.toISOString()]);
  return new Map(rows.map((r) => [r.userId, { substitute: r.substitute, endsAt: new Date(r.endsAt) }]));
}

type TaskHolder = { id: string; assigneeId: string; delegateId: string | null };
type Person = { id: string; email: string; displayName: string };
/** Who a task's e-mail goes to, and whom they act for when it is not their own task. */
export interface TaskRecipient { to: Person; onBehalfOf?: { name: string; why: 'hand_over' | 'absence'; until?: Date } }

/**
 * Who a task's e-mail goes to now: whoever holds it by hand-over (转交), else the assignee's
 * substitute while the assignee is away (代理), else the assignee. `onBehalfOf` names the assignee
 * when the mail goes to someone acting for them.
 */
export async function taskRecipients(db: Db, tasks: (TaskHolder & { assignee: Person })[], at = new Date()): Promise<Map<string, TaskRecipient>> {
  const delegateIds = [...new Set(tasks.map((t) => t.delegateId).filter((id): id is string => !!id))];
  const [delegates, away] = await Promise.all([
    delegateIds.length ? db.user.findMany({ where: { id: { in: delegateIds } } }) : Promise.resolve([]),
    runningSubstitutes(db, tasks.filter((t) => !t.delegateId).map((t) => t.assigneeId), at),
  ]);
  const byId = new Map(delegates.map((u) => [u.id, u]));
  const recipient = (t: TaskHolder & { assignee: Person }): TaskRecipient => {
    const delegate = t.delegateId ? byId.get(t.delegateId) : undefined;
    if (delegate) return { to: delegate, onBehalfOf: { name: t.assignee.displayName, why: 'hand_over' } };
    const absence = away.get(t.assigneeId);
    if (absence) return { to: absence.substitute, onBehalfOf: { name: t.assignee.displayName, why: 'absence', until: absence.endsAt } };
    return { to: t.assignee };
  };
  return new Map(tasks.map((t) => [t.id, recipient(t)]));
}
