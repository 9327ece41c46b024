import type { PrismaClient } from '../../prisma/client';
import { writeAudit } from '../../activities/audit';
import type { AuthedUser } from '../context';
import { conflict, forbidden, notFound } from '../errors';
import { CONSULTATION_PEOPLE } from './present';

/**
 * The consultee's answer, with a comment (they never decide the step). Idempotent: the same answer
 * again changes nothing (`replayed`), another answer once one is recorded is a 409; a consultation
 * whose task was decided meanwhile can no longer be answered (409).
 */
export async function answerConsultation(prisma: PrismaClient, actor: AuthedUser, id: string, answer: string) {
  const c = await prisma.consultation.findUnique({ where: { id }, include: CONSULTATION_PEOPLE });
  if (!c) throw notFound('征求意见 / consultation');
  if (c.consulteeId !== actor.userId) throw forbidden('此意见不是向您征求的 / this opinion was asked of someone else', 'not_consultee');
  if (c.answeredAt) {
    if (c.answer === answer) return { consultation: c, replayed: true };
    throw conflict('already_answered', '您已答复过此征求意见 / you have already answered this');
  }
  const task = await prisma.task.findUniqueOrThrow({ where: { id: c.taskId } });
  if (task.status !== 'open') throw conflict('task_closed', '该环节已办结，无需再答复 / the step has been decided; no answer is needed any more');
  return prisma.$transaction(async (tx) => {
    const answeredAt = new Date();
    // Conditional, so two answers sent at once record one.
    const { count } = await tx.consultation.updateMany({ where: { id, answeredAt: null }, data: { answer, answeredAt } });
    if (count !== 1) {
      const now = await tx.consultation.findUniqueOrThrow({ where: { id }, include: CONSULTATION_PEOPLE });
      if (now.answer === answer) return { consultation: now, replayed: true };
      throw conflict('already_answered', '您已答复过此征求意见 / you have already answered this');
    }
    await writeAudit(tx, {
      eventKey: `${c.subjectId}:consultation:${c.id}:answered`, actorId: actor.userId, subjectType: c.subjectType, subjectId: c.subjectId,
      data: { type: 'consultation_answered', round: c.round, step: c.step, consultationId: c.id, consulteeName: c.consultee.displayName, askedByName: c.askedBy.displayName, answer },
    });
    return { consultation: await tx.consultation.findUniqueOrThrow({ where: { id }, include: CONSULTATION_PEOPLE }), replayed: false };
  });
}
