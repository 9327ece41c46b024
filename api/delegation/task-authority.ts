import type { PrismaClient } from '../../prisma/client';
import { runningAbsences } from '../../activities/approval/absences';
import { forbidden } from '../errors';

type HeldTask = { assigneeId: string; delegateId: string | null };

/** On whose behalf `userId` acts on a task: their own (`onBehalfOf` absent) or its assignee's, and why. */
export type TaskAuthority = { onBehalfOf?: string; via?: 'hand_over' | 'absence' };

/**
 * Whether `userId` may act on the task, and for whom: the task handed to them (转交) is decided on
 * its assignee's behalf and no longer by the assignee; an assignee away (代理) is represented by their
 * substitute while the absence runs, and may still act themselves. Null: nobody they act for.
 */
export async function taskAuthority(prisma: PrismaClient, task: HeldTask, userId: string, at = new Date()): Promise<TaskAuthority | null> {
  if (task.delegateId) return task.delegateId === userId ? { onBehalfOf: task.assigneeId, via: 'hand_over' } : null;
  if (task.assigneeId === userId) return {};
  const absence = (await runningAbsences(prisma, [task.assigneeId], at)).get(task.assigneeId);
  return absence?.substituteId === userId ? { onBehalfOf: task.assigneeId, via: 'absence' } : null;
}

/** The authority, or the 403 saying why not (handed over to someone else, or not theirs). */
export async function requireTaskAuthority(prisma: PrismaClient, task: HeldTask, userId: string): Promise<TaskAuthority> {
  const authority = await taskAuthority(prisma, task, userId);
  if (authority) return authority;
  if (task.assigneeId === userId && task.delegateId) {
    throw forbidden('此待办已转交他人办理 / you handed this task over to someone else', 'handed_over');
  }
  throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
}
