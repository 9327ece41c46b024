import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden, notFound } from '../errors';
import { idempotency } from '../idempotency';
import { chainPositionLabel, ZConsultationAnswer, ZConsultationRequest } from '../../domain';
import { sendNotice } from '../notices';
import { chainApiOf } from '../approval/chains';
import { askConsultation } from './ask-consultation';
import { CONSULTATION_PEOPLE, presentConsultation } from './present';
import { answerConsultation } from './answer-consultation';

export const ZListConsultations = z.object({ status: z.enum(['waiting', 'answered', 'all']).default('waiting') });

/** Consultation (加签 / 征求意见): an approver asks opinions on a task; each consultee answers from their 征求意见 list. */
export function consultationsRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();

  router.post('/tasks/:id/consultations', idempotency(prisma), async (req, res) => {
    const { consulteeIds, question } = parse(ZConsultationRequest, req.body);
    const { created, all } = await askConsultation(prisma, { actor: actorOf(req), taskId: String(req.params.id), consulteeIds, question });
    for (const c of created) await sendNotice(deps, { kind: 'consultation_asked', id: c.id, key: `consultation:${c.id}:asked` });
    res.status(created.length ? 201 : 200).json({ items: all.map(presentConsultation) });
  });

  router.get('/tasks/:id/consultations', async (req, res) => {
    const { userId } = actorOf(req);
    const items = await prisma.consultation.findMany({ where: { taskId: String(req.params.id), askedById: userId }, include: CONSULTATION_PEOPLE, orderBy: { askedAt: 'asc' } });
    res.json({ items: items.map(presentConsultation) });
  });

  /** The opinions asked of me (征求意见), with their subjects; waiting ones only while the step is still open. */
  router.get('/consultations', async (req, res) => {
    const { status } = parse(ZListConsultations, req.query);
    const { userId } = actorOf(req);
    const rows = await prisma.consultation.findMany({
      where: { consulteeId: userId, ...(status === 'waiting' ? { answeredAt: null } : status === 'answered' ? { answeredAt: { not: null } } : {}) },
      include: CONSULTATION_PEOPLE, orderBy: { askedAt: 'desc' }, take: 200,
    });
    const open = new Set((await prisma.task.findMany({ where: { id: { in: rows.map((r) => r.taskId) }, status: 'open' }, select: { id: true } })).map((t) => t.id));
    const items = rows.filter((r) => status !== 'waiting' || open.has(r.taskId));
    res.json({ items: await Promise.all(items.map((c) => withSubject(c, open.has(c.taskId)))) });
  });

  router.get('/consultations/:id', async (req, res) => {
    const c = await prisma.consultation.findUnique({ where: { id: String(req.params.id) }, include: CONSULTATION_PEOPLE });
    if (!c) throw notFound('征求意见 / consultation');
    const { userId } = actorOf(req);
    if (c.consulteeId !== userId && c.askedById !== userId) throw forbidden('此意见不是向您征求的 / this opinion was asked of someone else', 'not_consultee');
    const task = await prisma.task.findUnique({ where: { id: c.taskId }, select: { status: true } });
    res.json({ consultation: await withSubject(c, task?.status === 'open') });
  });

  router.post('/consultations/:id/answer', idempotency(prisma), async (req, res) => {
    const { answer } = parse(ZConsultationAnswer, req.body);
    const { consultation, replayed } = await answerConsultation(prisma, actorOf(req), String(req.params.id), answer);
    await sendNotice(deps, { kind: 'consultation_answered', id: consultation.id, key: `consultation:${consultation.id}:answered` });
    res.json({ consultation: presentConsultation(consultation), ...(replayed ? { replayed } : {}) });
  });

  /** A consultation with what it is about (the subject as its chain presents it) and whether it can still be answered. */
  async function withSubject(c: Parameters<typeof presentConsultation>[0], stepOpen: boolean) {
    const chain = chainApiOf(c.subjectType);
    const subject = chain ? chain.present(await chain.load(prisma, c.subjectId)) : null;
    const stepLabel = chain ? chainPositionLabel(chain.definition, c.step) : { zh: c.step, en: c.step };
    return { ...presentConsultation(c), stepLabel, answerable: !c.answeredAt && stepOpen, subjectKey: chain?.subjectKey, subject };
  }

  return router;
}
