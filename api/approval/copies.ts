import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/client';
import { chainDefinition, chainPositionLabel } from '../../domain';
import { recordCopies } from '../../activities/approval/copies';
import type { ApiDeps, AuthedUser } from '../context';
import { actorOf } from '../auth/session';
import { AppError, badRequest, forbidden, notFound } from '../errors';
import { idempotency } from '../idempotency';
import { parse } from '../validate';
import { seesAllUnits } from '../budget-requests/visibility';
import { CHAIN_APIS } from './chains';

export const ZCopy = z.object({
  /** the users to copy (抄送), by id */
  userIds: z.array(z.string().min(1)).min(1).max(20),
  comment: z.string().trim().min(1).max(500).optional(),
});
export type CopyRequest = z.infer<typeof ZCopy>;

/** 抄送 by an approver: from one of their tasks, while deciding it or after. Records the copies and has the worker mail them. */
export async function copyFromTask(deps: Pick<ApiDeps, 'prisma' | 'temporal' | 'taskQueue'>, actor: AuthedUser, taskId: string, c: CopyRequest) {
  const { prisma, temporal, taskQueue } = deps;
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task) throw notFound('任务 / task');
  if (task.assigneeId !== actor.userId) throw forbidden('只有任务的审批人可以抄送 / only the task\'s approver may copy others on it', 'not_assignee');
  if (task.status === 'closed') throw new AppError(409, 'task_closed', '此任务已由他人办理，不能再抄送 / the step was decided by someone else; copy from a task of yours');
  const users = await prisma.user.findMany({ where: { id: { in: c.userIds } }, select: { id: true } });
  const unknown = c.userIds.filter((id) => !users.some((u) => u.id === id));
  if (unknown.length) throw badRequest([{ field: 'userIds', message: `没有这些用户 / no such users: ${unknown.join(', ')}` }]);
  const copied = await recordCopies(prisma, {
    chain: task.subjectType, subjectId: task.subjectId, round: task.round, step: task.step,
    userIds: c.userIds.filter((id) => id !== actor.userId), copiedById: actor.userId, ...(c.comment ? { comment: c.comment } : {}),
  });
  // The mails go out from the worker; a start that fails leaves the copies readable and is retried by the next copy.
  if (copied.length) {
    await temporal.connection.withDeadline(Date.now() + 15_000, () => temporal.workflow.start('copyMailWorkflow', {
      workflowId: `copy-${task.subjectId}-${randomUUID()}`, taskQueue, args: [{ chain: task.subjectType, subjectId: task.subjectId }],
    }));
  }
  return { copied };
}

/** Whether `actor` is copied on the subject (which lets them read it, and nothing more). */
export async function isCopied(prisma: PrismaClient, actor: AuthedUser, subjectId: string): Promise<boolean> {
  return !!(await prisma.copyRecipient.findFirst({ where: { subjectId, userId: actor.userId }, select: { id: true } }));
}

/** The read rule of a subject's page, widened to those copied on it: bureau roles, the own unit, or a copy. */
export async function assertMayReadSubject(prisma: PrismaClient, actor: AuthedUser, subject: { id: string; unitId: string }): Promise<void> {
  if (seesAllUnits(actor) || actor.unitId === subject.unitId || (await isCopied(prisma, actor, subject.id))) return;
  throw forbidden('只能查看本单位的申请或抄送给您的申请 / you can only see your own unit’s requests and those copied to you', 'not_own_unit');
}

/** 抄送我的: the subjects copied to me, newest first, each with its chain's subject as the inbox shows it; and copying from a task. */
export function copiesRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/copies', async (req, res) => {
    const actor = actorOf(req);
    const rows = await prisma.copyRecipient.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: 'desc' }, take: 500 });
    const subjects = new Map<string, object>();
    await Promise.all(Object.entries(CHAIN_APIS).map(async ([type, chain]) => {
      const ids = rows.filter((r) => r.subjectType === type).map((r) => r.subjectId);
      if (ids.length) for (const row of await chain.loadMany(prisma, ids)) subjects.set(`${type}:${row.id}`, chain.present(row));
    }));
    const byIds = [...new Set(rows.flatMap((r) => (r.copiedById ? [r.copiedById] : [])))];
    const names = new Map((await prisma.user.findMany({ where: { id: { in: byIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
    res.json({
      items: rows.map((r) => {
        const def = chainDefinition(r.subjectType);
        return {
          id: r.id, subjectType: r.subjectType, subjectId: r.subjectId, round: r.round, step: r.step,
          stepLabel: def ? chainPositionLabel(def, r.step) : { zh: r.step, en: r.step },
          copiedBy: r.copiedById ? { id: r.copiedById, displayName: names.get(r.copiedById) ?? r.copiedById } : null,
          comment: r.comment, createdAt: r.createdAt,
          [CHAIN_APIS[r.subjectType]?.subjectKey ?? 'subject']: subjects.get(`${r.subjectType}:${r.subjectId}`) ?? null,
        };
      }),
    });
  });

  router.post('/tasks/:id/copy', idempotency(prisma), async (req, res) => {
    const c = parse(ZCopy, req.body);
    res.status(201).json(await copyFromTask(deps, actorOf(req), String(req.params.id), c));
  });

  return router;
}
