import type { PrismaClient } from '../../prisma/client';
import { writeAudit } from '../../activities/audit';
import { BUREAU_WIDE_ROLES } from '../../domain';
import type { AuthedUser } from '../context';
import { AppError, conflict, notFound } from '../errors';
import { requireTaskAuthority } from '../delegation/task-authority';
import { CONSULTATION_PEOPLE } from './present';

export interface AskConsultationOptions {
  /** whoever may decide the task (its assignee, holder or substitute) */
  actor: AuthedUser;
  taskId: string;
  consulteeIds: string[];
  question: string;
}

/**
 * Asks users' opinions on an open task before deciding it (加签 / 征求意见): one consultation per
 * consultee, each in their inbox; the asker's decision then waits for the answers (or proceeds
 * anyway). Asking someone already asked on this task changes nothing. Answers which were created.
 */
export async function askConsultation(prisma: PrismaClient, { actor, taskId, consulteeIds, question }: AskConsultationOptions) {
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task) throw notFound('任务 / task');
  await requireTaskAuthority(prisma, task, actor.userId);
  if (task.status !== 'open') throw conflict('task_closed', '此任务已办结 / this task is already closed');
  const ids = [...new Set(consulteeIds)];
  const field = (message: string) => new AppError(422, 'invalid_consultee', message, { fields: [{ field: 'consulteeIds', message }], field: 'consulteeIds' });
  if (ids.includes(actor.userId)) throw field('不能征求自己的意见 / you cannot ask yourself');
  const consultees = await prisma.user.findMany({ where: { id: { in: ids } } });
  const unknown = ids.filter((id) => !consultees.some((u) => u.id === id));
  if (unknown.length) throw field(`征求意见对象不存在：${unknown.join(', ')} / no such user`);
  // Opinions come from the bureau and the leaders, who read every request; auditors only read.
  const outside = consultees.filter((u) => !u.roles.some((r) => r !== 'auditor' && (BUREAU_WIDE_ROLES as readonly string[]).includes(r)));
  if (outside.length) throw field(`只能向财政局及县领导等可查阅该事项的人员征求意见（审计人员只查阅）：${outside.map((u) => u.displayName).join('、')} / opinions are asked of bureau staff and leaders (auditors only read)`);
  return prisma.$transaction(async (tx) => {
    const created = [];
    for (const consultee of consultees) {
      const existing = await tx.consultation.findUnique({ where: { taskId_consulteeId: { taskId, consulteeId: consultee.id } } });
      if (existing) continue;
      const c = await tx.consultation.create({
        data: { id: crypto.randomUUID(), subjectType: task.subjectType, subjectId: task.subjectId, round: task.round, step: task.step, taskId, askedById: actor.userId, consulteeId: consultee.id, question },
      });
      await writeAudit(tx, {
        eventKey: `${task.subjectId}:consultation:${c.id}:asked`, actorId: actor.userId, subjectType: task.subjectType, subjectId: task.subjectId,
        data: { type: 'consultation_requested', round: task.round, step: task.step, consultationId: c.id, consultee: consultee.id, consulteeName: consultee.displayName, askedByName: actor.displayName, question },
      });
      created.push(c);
    }
    return { created, all: await tx.consultation.findMany({ where: { taskId }, include: CONSULTATION_PEOPLE, orderBy: { askedAt: 'asc' } }) };
  });
}

