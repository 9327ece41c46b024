import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { notFound } from '../errors';
import { representedBy } from '../../activities/approval/absences';
import { delegationView, HELD_TASK_INCLUDE, inboxWhere } from '../delegation/held-task';
import { requireTaskAuthority } from '../delegation/task-authority';
import { idempotency } from '../idempotency';
import { decideTask } from './decide-task';
import { ZDecisionInput } from '../../domain';
import { presentTask } from './present-task';
import { CHAIN_APIS, chainApiOf } from '../approval/chains';
import { readDecisionContext } from './decision-context';
import { copyFromTask, ZCopy } from '../approval/copies';

/** A decision, optionally copying users on the step as it is decided (抄送). */
export const ZDecisionWithCopy = ZDecisionInput.extend({ copy: ZCopy.optional() });

export const ZListTasks = z.object({ status: z.enum(['open', 'done', 'closed', 'all']).default('open') });

/** The approver's inbox: open tasks (三保 first, R-B5; then oldest first) and deciding them. */
export function tasksRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/tasks', async (req, res) => {
    const actor = actorOf(req);
    const { status } = parse(ZListTasks, req.query);
    // Mine, those handed to me, and (代理) the open tasks of whoever I stand in for now.
    const represented = await representedBy(prisma, actor.userId);
    const tasks = await prisma.task.findMany({
      where: { AND: [inboxWhere(actor.userId, represented), status === 'all' ? {} : { status }] },
      include: HELD_TASK_INCLUDE,
      orderBy: [{ priority: 'desc' }, { openedAt: 'asc' }],
      take: 500,
    });
    // Each chain's subjects in one read, presented under the chain's key ("request", "loan").
    const subjects = new Map<string, object>();
    await Promise.all(Object.entries(CHAIN_APIS).map(async ([type, chain]) => {
      const ids = tasks.filter((t) => t.subjectType === type).map((t) => t.subjectId);
      if (ids.length) for (const row of await chain.loadMany(prisma, ids)) subjects.set(`${type}:${row.id}`, chain.present(row));
    }));
    res.json({
      items: tasks.map((t) => {
        const chain = chainApiOf(t.subjectType);
        if (chain) return { ...presentTask(t), ...delegationView(t, actor.userId), request: null, [chain.subjectKey]: subjects.get(`${t.subjectType}:${t.subjectId}`) ?? null };
        // R-B11: the director's one task at the year turn, decided on its own page
        return {
          ...presentTask(t), stepLabel: { zh: '年度结转决定（R-B11）', en: 'Year-turn decision (R-B11)' }, request: null,
          yearTurn: { fromYear: Number(t.subjectId.replace('year-turn-', '')) },
        };
      }),
    });
  });

  router.get('/tasks/:id', async (req, res) => {
    const { userId } = actorOf(req);
    const task = await ownTask(String(req.params.id), userId);
    const chain = chainApiOf(task.subjectType);
    const presented = { ...presentTask(task), ...delegationView(task, userId) };
    if (!chain) return void res.json({ task: presented });
    res.json({ task: presented, [chain.subjectKey]: chain.present(await chain.load(prisma, task.subjectId)) });
  });

  router.get('/tasks/:id/context', async (req, res) => {
    const task = await ownTask(String(req.params.id), actorOf(req).userId);
    res.json(await readDecisionContext(prisma, task));
  });

  router.post('/tasks/:id/decision', idempotency(prisma), async (req, res) => {
    const { copy, ...decision } = parse(ZDecisionWithCopy, req.body);
    const actor = actorOf(req);
    const decided = await decideTask(deps, { actor, taskId: String(req.params.id), decision });
    // 抄送 while deciding: once the decision stands, those named are copied on the step
    res.json(copy ? { ...decided, ...(await copyFromTask(deps, actor, String(req.params.id), copy)) } : decided);
  });

  /** A task the user may act on (theirs, handed to them, or an absent colleague's they stand in for), or that they decided for someone. */
  async function ownTask(id: string, userId: string) {
    const task = await prisma.task.findUnique({ where: { id }, include: HELD_TASK_INCLUDE });
    if (!task) throw notFound('任务 / task');
    if (task.decidedById === userId || (task.assigneeId === userId && task.status !== 'open')) return task;
    await requireTaskAuthority(prisma, task, userId);
    return task;
  }

  return router;
}
