import { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { idempotency } from '../idempotency';
import { ZAbsenceInput, ZHandOverInput } from '../../domain';
import { sendNotice } from '../notices';
import { presentTask } from '../tasks/present-task';
import { endAbsence, presentAbsence, setAbsence } from './set-absence';
import { handOverCandidates, handOverTask } from './hand-over-task';

/** Delegation (转交 / 代理): handing a task over, and the signed-in user's absences with their substitute. */
export function delegationRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/tasks/:id/hand-over-candidates', async (req, res) => {
    res.json({ items: await handOverCandidates(prisma, actorOf(req), String(req.params.id)) });
  });

  router.post('/tasks/:id/hand-over', idempotency(prisma), async (req, res) => {
    const { toUserId, reason } = parse(ZHandOverInput, req.body);
    const { task, to, handedOverAt, back } = await handOverTask(prisma, { actor: actorOf(req), taskId: String(req.params.id), toUserId, reason });
    if (!back) await sendNotice(deps, { kind: 'task_handed_over', id: task.id, key: `task:${task.id}:handed:${to.id}:${handedOverAt.getTime()}` });
    res.json({ task: presentTask(task), handedOver: back ? null : { toId: to.id, toName: to.displayName, at: handedOverAt } });
  });

  /** My absences (newest first) and the people I stand in for now. */
  router.get('/me/absences', async (req, res) => {
    const { userId } = actorOf(req);
    const now = new Date();
    const [mine, forOthers] = await Promise.all([
      prisma.absence.findMany({ where: { userId }, include: { user: true, substitute: true }, orderBy: { startsAt: 'desc' }, take: 50 }),
      prisma.absence.findMany({ where: { substituteId: userId, cancelledAt: null, endsAt: { gt: now } }, include: { user: true, substitute: true }, orderBy: { startsAt: 'asc' } }),
    ]);
    res.json({ items: mine.map((a) => presentAbsence(a, now)), substituting: forOthers.map((a) => presentAbsence(a, now)) });
  });

  router.post('/me/absences', idempotency(prisma), async (req, res) => {
    res.status(201).json({ absence: await setAbsence(prisma, actorOf(req), parse(ZAbsenceInput, req.body)) });
  });

  router.delete('/me/absences/:id', async (req, res) => {
    res.json({ absence: await endAbsence(prisma, actorOf(req), String(req.params.id)) });
  });

  return router;
}
