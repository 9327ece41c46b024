import type { PrismaClient } from '../../prisma/client';

export const CONSULTATION_PEOPLE = { askedBy: { select: { displayName: true } }, consultee: { select: { displayName: true } } } as const;

/** A consultation as the API answers it. */
export const presentConsultation = (c: {
  id: string; subjectType: string; subjectId: string; round: number; step: string; taskId: string; askedById: string; consulteeId: string;
  question: string; askedAt: Date; answer: string | null; answeredAt: Date | null; askedBy: { displayName: string }; consultee: { displayName: string };
}) => ({
  id: c.id, subjectType: c.subjectType, subjectId: c.subjectId, round: c.round, step: c.step, taskId: c.taskId,
  askedById: c.askedById, askedByName: c.askedBy.displayName, consulteeId: c.consulteeId, consulteeName: c.consultee.displayName,
  question: c.question, askedAt: c.askedAt, answer: c.answer, answeredAt: c.answeredAt, status: c.answeredAt ? 'answered' as const : 'waiting' as const,
});

/** Every opinion asked on a subject, oldest first, for its page's history. */
export async function subjectConsultations(prisma: PrismaClient, subjectId: string) {
  const rows = await prisma.consultation.findMany({ where: { subjectId }, include: CONSULTATION_PEOPLE, orderBy: { askedAt: 'asc' } });
  return rows.map(presentConsultation);
}
