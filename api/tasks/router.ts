import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { conflict, forbidden, notFound, AppError } from '../errors';
import { idempotency } from '../idempotency';
import { budgetWorkflowId, decideUpdate } from '../../workflows/budget-messages';
import { ZDecisionInput } from '../../domain';
import { presentBudgetRequest, presentTask } from '../budget-requests/presenter';

export const ZListTasks = z.object({ status: z.enum(['open', 'done', 'closed', 'all']).default('open') });

/** The approver's inbox: open tasks (三保 first, R-B5; then oldest first) and deciding them. */
export function tasksRouter({ prisma, temporal }: ApiDeps): Router {
  const router = Router();

  router.get('/tasks', async (req, res) => {
    const actor = actorOf(req);
    const { status } = parse(ZListTasks, req.query);
    const tasks = await prisma.task.findMany({
      where: { assigneeId: actor.userId, ...(status === 'all' ? {} : { status }) },
      orderBy: [{ priority: 'desc' }, { openedAt: 'asc' }],
      take: 500,
    });
    const requests = await prisma.budgetRequest.findMany({ where: { id: { in: tasks.map((t) => t.subjectId) } }, include: { unit: true } });
    const byId = new Map(requests.map((r) => [r.id, presentBudgetRequest(r)]));
    res.json({ items: tasks.map((t) => ({ ...presentTask(t), request: byId.get(t.subjectId) ?? null })) });
  });

  router.get('/tasks/:id', async (req, res) => {
    const task = await ownTask(String(req.params.id), actorOf(req).userId);
    const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } });
    res.json({ task: presentTask(task), request: presentBudgetRequest(request) });
  });

  router.post('/tasks/:id/decision', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const task = await ownTask(String(req.params.id), actor.userId);
    const decision = parse(ZDecisionInput, req.body);
    if (task.status !== 'open') throw conflict('task_closed', '此任务已办结 / this task is already closed');
    if (task.step === 'revision') {
      throw new AppError(422, 'action_not_allowed', '退回的申请请通过“重新提交”或“撤回”办理 / resubmit or withdraw a returned request instead');
    }
    const outcome = await temporal.workflow.getHandle(budgetWorkflowId(task.subjectId)).executeUpdate(decideUpdate, {
      args: [{ actor, decision, expected: { step: task.step, round: task.round } }],
    });
    const [closed, request] = await Promise.all([
      prisma.task.findUniqueOrThrow({ where: { id: task.id } }),
      prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } }),
    ]);
    res.json({ outcome, task: presentTask(closed), request: presentBudgetRequest(request) });
  });

  async function ownTask(id: string, userId: string) {
    const task = await prisma.task.findUnique({ where: { id } });
    if (!task) throw notFound('任务 / task');
    if (task.assigneeId !== userId) throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
    return task;
  }

  return router;
}
