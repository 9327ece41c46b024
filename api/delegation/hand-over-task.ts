import type { PrismaClient } from '../../prisma/client';
import { checkHandOver } from '../../domain';
import { writeAudit } from '../../activities/audit';
import type { AuthedUser } from '../context';
import { AppError, conflict, notFound } from '../errors';
import { chainApiOf } from '../approval/chains';
import { requireTaskAuthority } from './task-authority';

export interface HandOverTaskOptions {
  /** the task's holder: its assignee, or whoever it was handed to (an assignee's substitute hands it on their behalf) */
  actor: AuthedUser;
  taskId: string;
  /** who receives it: someone holding the step's role */
  toUserId: string;
  reason?: string;
}

/**
 * Hands an open task over (转交): the receiver decides it on its assignee's behalf from then on, and
 * the assignee no longer can. Refused (naming `toUserId` and citing the step's rule) when the receiver
 * holds none of the step's roles, or answers at an every-assignee step themselves. Handing it to its
 * assignee gives it back. Recorded in the audit trail with who handed it to whom and when.
 */
export async function handOverTask(prisma: PrismaClient, { actor, taskId, toUserId, reason }: HandOverTaskOptions) {
  const task = await prisma.task.findUnique({ where: { id: taskId }, include: { assignee: true } });
  if (!task) throw notFound('任务 / task');
  await requireTaskAuthority(prisma, task, actor.userId);
  const chain = chainApiOf(task.subjectType);
  if (!chain) throw new AppError(422, 'action_not_allowed', '此任务不能转交 / this task cannot be handed over');
  if (task.status !== 'open') throw conflict('task_closed', '此任务已办结，不能转交 / this task is already closed');
  const to = await prisma.user.findUnique({ where: { id: toUserId } });
  if (!to) throw new AppError(422, 'invalid_input', '接收人不存在 / no such user', { fields: [{ field: 'toUserId', message: '接收人不存在 / no such user' }], field: 'toUserId' });
  const stepTasks = await prisma.task.findMany({ where: { subjectId: task.subjectId, round: task.round, step: task.step }, select: { assigneeId: true } });
  const back = to.id === task.assigneeId;
  if (!back) {
    const refusal = checkHandOver(chain.definition, task.step, { userId: actor.userId, roles: actor.roles }, { userId: to.id, roles: to.roles, displayName: to.displayName },
      stepTasks.map((t) => t.assigneeId).filter((id) => id !== task.assigneeId));
    if (refusal) throw new AppError(refusal.status, refusal.code, refusal.message, { violations: refusal.violations, field: refusal.field, fields: [{ field: 'toUserId', message: refusal.message }] });
  }
  const handedOverAt = new Date();
  return prisma.$transaction(async (tx) => {
    // Conditional on the holder it was read with, so two hand-overs at once cannot both win.
    const { count } = await tx.task.updateMany({
      where: { id: task.id, status: 'open', delegateId: task.delegateId }, data: { delegateId: back ? null : to.id, handedOverAt: back ? null : handedOverAt },
    });
    if (count !== 1) throw conflict('task_changed', '此任务刚被办理或转交，请刷新 / the task was just decided or handed over; reload it');
    await writeAudit(tx, {
      eventKey: `${task.subjectId}:hand_over:${task.id}:${handedOverAt.getTime()}`, actorId: actor.userId, subjectType: task.subjectType, subjectId: task.subjectId,
      data: {
        type: 'task_handed_over', round: task.round, step: task.step, taskId: task.id, assignee: task.assigneeId, assigneeName: task.assignee.displayName,
        from: actor.userId, fromName: actor.displayName, to: to.id, toName: to.displayName, ...(reason ? { reason } : {}),
      },
    });
    return { task: await tx.task.findUniqueOrThrow({ where: { id: task.id } }), to: { id: to.id, displayName: to.displayName }, handedOverAt, back };
  });
}

/** Who the task may be handed to: everyone holding one of the step's roles whom the step allows, but its holder. */
export async function handOverCandidates(prisma: PrismaClient, actor: AuthedUser, taskId: string) {
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task) throw notFound('任务 / task');
  await requireTaskAuthority(prisma, task, actor.userId);
  const chain = chainApiOf(task.subjectType);
  if (!chain) return [];
  const [users, stepTasks] = await Promise.all([
    prisma.user.findMany({ orderBy: { displayName: 'asc' } }),
    prisma.task.findMany({ where: { subjectId: task.subjectId, round: task.round, step: task.step }, select: { assigneeId: true } }),
  ]);
  const others = stepTasks.map((t) => t.assigneeId).filter((id) => id !== task.assigneeId);
  return users
    .filter((u) => u.id === task.assigneeId ? u.id !== actor.userId : !checkHandOver(chain.definition, task.step, actor, { userId: u.id, roles: u.roles }, others))
    .map((u) => ({ id: u.id, displayName: u.displayName }));
}
