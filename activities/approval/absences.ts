import type { PrismaClient, Tx } from '../../prisma/client';

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

type Person = { id: string; email: string; displayName: string };
/**
 * Who a task's e-mail goes to, and whom they act for when it is not their own task (found by
 * activities/approval/step-mail-rows.ts: a hand-over's holder, else an absent assignee's substitute).
 */
export interface TaskRecipient { to: Person; onBehalfOf?: { name: string; why: 'hand_over' | 'absence'; until?: Date } }

