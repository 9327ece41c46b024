import type { PrismaClient } from '../../prisma/client';
import { AppError } from '../errors';

/** The consultations `askedById` asked on a task that are still unanswered, with the consultees' names. */
export const unansweredConsultations = (prisma: PrismaClient, taskId: string, askedById: string) =>
  prisma.consultation.findMany({ where: { taskId, askedById, answeredAt: null }, include: { consultee: { select: { id: true, displayName: true } } }, orderBy: { askedAt: 'asc' } });

/** 409: the approver's decision waits for the opinions they asked, unless they proceed anyway. */
export function consultationPending(waiting: { consultee: { displayName: string } }[]): AppError {
  const names = waiting.map((c) => c.consultee.displayName).join('、');
  return new AppError(409, 'consultation_pending',
    `您征求的意见尚未答复（${names}），请待答复后再办理，或选择“不等答复，继续办理”（proceedAnyway: true） / the opinions you asked (${names}) are not answered yet: wait for them, or decide with proceedAnyway: true`,
    { field: 'proceedAnyway' });
}
