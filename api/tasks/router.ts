import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden, notFound } from '../errors';
import { idempotency } from '../idempotency';
import { decideTask } from './decide-task';
import { ZDecisionInput } from '../../domain';
import { presentBudgetRequest, presentTask } from '../budget-requests/presenter';
import { presentLoan, presentLoanTask } from '../loans/presenter';
import { decideLoanTask } from '../loans/decide-loan-task';
import { readDecisionContext } from './decision-context';

export const ZListTasks = z.object({ status: z.enum(['open', 'done', 'closed', 'all']).default('open') });

/** The approver's inbox: open tasks (三保 first, R-B5; then oldest first) and deciding them. */
export function tasksRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
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
    // Loan tasks carry the loan, labelled with the loan chain's steps.
    const loans = await prisma.loan.findMany({ where: { id: { in: tasks.filter((t) => t.subjectType === 'loan').map((t) => t.subjectId) } }, include: { unit: true } });
    const loanById = new Map(loans.map((l) => [l.id, presentLoan(l)]));
    res.json({
      items: tasks.map((t) => (t.subjectType === 'loan'
        ? { ...presentLoanTask(t), request: null, loan: loanById.get(t.subjectId) ?? null }
        // R-B11: the director's one task at the year turn, decided on its own page
        : t.subjectType === 'year_turn' ? {
          id: t.id, subjectType: t.subjectType, subjectId: t.subjectId, round: t.round, step: t.step, stepLabel: { zh: '年度结转决定（R-B11）', en: 'Year-turn decision (R-B11)' },
          actions: [], role: t.role, status: t.status, priority: t.priority, assigneeId: t.assigneeId, openedAt: t.openedAt, closedAt: t.closedAt,
          ageHours: Math.floor(((t.closedAt ?? new Date()).getTime() - t.openedAt.getTime()) / 3600_000), request: null, yearTurn: { fromYear: Number(t.subjectId.replace('year-turn-', '')) },
        }
          : { ...presentTask(t), request: byId.get(t.subjectId) ?? null })),
    });
  });

  router.get('/tasks/:id', async (req, res) => {
    const task = await ownTask(String(req.params.id), actorOf(req).userId);
    if (task.subjectType === 'loan') {
      const loan = await prisma.loan.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } });
      return void res.json({ task: presentLoanTask(task), loan: presentLoan(loan) });
    }
    const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } });
    res.json({ task: presentTask(task), request: presentBudgetRequest(request) });
  });

  // The figures and earlier opinions the decision dialog shows (R-B3, R-L8).
  router.get('/tasks/:id/context', async (req, res) => {
    const task = await ownTask(String(req.params.id), actorOf(req).userId);
    res.json(await readDecisionContext(prisma, task));
  });

  router.post('/tasks/:id/decision', idempotency(prisma), async (req, res) => {
    const decision = parse(ZDecisionInput, req.body);
    const task = await prisma.task.findUnique({ where: { id: String(req.params.id) }, select: { subjectType: true } });
    if (task?.subjectType === 'loan') return void res.json(await decideLoanTask(deps, { actor: actorOf(req), taskId: String(req.params.id), decision }));
    res.json(await decideTask(deps, { actor: actorOf(req), taskId: String(req.params.id), decision }));
  });

  async function ownTask(id: string, userId: string) {
    const task = await prisma.task.findUnique({ where: { id } });
    if (!task) throw notFound('任务 / task');
    if (task.assigneeId !== userId) throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
    return task;
  }

  return router;
}
