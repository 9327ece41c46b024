import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/client';
import {
  afterWorkingDays, CHINA_WORKING_DAY_CALENDAR, hasRole, Role, spanText, WorkInterval, type WorkingDayCalendar,
} from '../../domain';
import { writeAudit } from '../../activities/audit';
import { nudgeEventKey } from '../../activities/approval/tasks';
import type { NudgeInput } from '../../activities/approval/contract';
import type { ApiDeps, AuthedUser } from '../context';
import { actorOf } from '../auth/session';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { idempotency } from '../idempotency';
import { parse } from '../validate';
import { assertMayReadSubject } from './copies';
import { CHAIN_APIS } from './chains';

/** At most one nudge per request per working day, unless NUDGE_INTERVAL says otherwise. */
export const DEFAULT_NUDGE_INTERVAL: WorkInterval = { workingDays: 1 };

export const ZNudge = z.object({ comment: z.string().trim().min(1).max(500).optional() });

/** The URL segment of each chain's subjects, as their pages use it. */
export const NUDGE_PATHS: Record<string, string> = { budget: 'budget-requests', loan: 'loans', policy: 'policies', change_of_use: 'changes-of-use' };

/** The bureau roles that may nudge any request (besides the applying unit's own clerk). */
const BUREAU_NUDGERS: Role[] = ['finance_reviewer', 'finance_director'];

/** The role the actor nudges in: the applying unit's clerk, or the finance bureau; undefined when they may not. */
function nudgingRole(actor: AuthedUser, unitId: string): Role | undefined {
  if (actor.unitId === unitId && hasRole(actor, 'dept_clerk')) return 'dept_clerk';
  return BUREAU_NUDGERS.find((r) => hasRole(actor, r));
}

/** When the next nudge may go out after one at `lastMs`. */
export function nextNudgeAt(interval: WorkInterval, cal: WorkingDayCalendar, lastMs: number): number {
  return 'workingDays' in interval ? afterWorkingDays(cal, lastMs, interval.workingDays) : lastMs + interval.ms;
}

/** One workflow per nudge (workflows/nudge.ts), so a retried start sends nothing twice. */
const nudgeWorkflowId = (i: NudgeInput): string => `nudge-${i.chain}-${i.subjectId}-${i.nudgeId}`;

const intervalText = (i: WorkInterval) => ('workingDays' in i ? { zh: `${i.workingDays}个工作日`, en: `${i.workingDays} working day${i.workingDays > 1 ? 's' : ''}` } : { zh: i.clock, en: i.clock });

/**
 * 催办: the applicant (the unit's clerk) or the finance bureau nudges the holders of a request's open
 * tasks. Each gets an e-mail with fresh decision links (sent by the worker); at most one nudge per
 * interval per request, refused with 429, the time left and Retry-After. The nudge is an audit event,
 * written under a per-request lock, so two nudges at once never both go out.
 */
export function nudgeRouter(deps: ApiDeps): Router {
  const { prisma, temporal, taskQueue } = deps;
  const interval = deps.nudgeInterval ?? DEFAULT_NUDGE_INTERVAL;
  const cal = deps.workingDayCalendar ?? CHINA_WORKING_DAY_CALENDAR;
  const router = Router();

  for (const [chain, path] of Object.entries(NUDGE_PATHS)) {
    router.get(`/${path}/:id/nudge`, async (req, res) => {
      const actor = actorOf(req);
      const s = await standing(prisma, chain, String((req.params as Record<string, string>).id), actor);
      const next = s.lastNudgedAt ? nextNudgeAt(interval, cal, s.lastNudgedAt.getTime()) : undefined;
      res.json({
        mayNudge: !!nudgingRole(actor, s.unitId), openTasks: s.openTasks.length, interval: intervalText(interval),
        lastNudgedAt: s.lastNudgedAt?.toISOString() ?? null, nextNudgeAt: next && next > Date.now() ? new Date(next).toISOString() : null,
      });
    });

    router.post(`/${path}/:id/nudge`, idempotency(prisma), async (req, res) => {
      const actor = actorOf(req);
      const { comment } = parse(ZNudge, req.body ?? {});
      const subjectId = String((req.params as Record<string, string>).id);
      const s = await standing(prisma, chain, subjectId, actor);
      const role = nudgingRole(actor, s.unitId);
      if (!role) throw forbidden('只有申请单位经办人或财政局预算股、局长可以催办 / only the applying unit’s clerk or the finance bureau may nudge', 'not_nudger');
      if (!s.openTasks.length) throw conflict('nothing_to_nudge', '该事项没有待办的审批人 / nobody holds an open task of this request');
      const { round, step } = s.openTasks[0];
      const nudgeId = randomUUID();
      const input = { chain, subjectId, nudgeId };
      await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`nudge:${chain}/${subjectId}`}::text, 0))`;
        const last = await tx.auditEvent.findFirst({ where: { subjectType: chain, subjectId, type: 'nudged' }, orderBy: { seq: 'desc' }, select: { at: true } });
        const next = last ? nextNudgeAt(interval, cal, last.at.getTime()) : 0;
        if (next > Date.now()) throw tooSoon(next, interval);
        await writeAudit(tx, {
          eventKey: nudgeEventKey(subjectId, nudgeId), actorId: actor.userId, subjectType: chain, subjectId,
          data: { type: 'nudged', nudgeId, round, step, assignees: s.openTasks.map((t) => t.assigneeId), role, ...(comment ? { comment } : {}) },
        });
        // Started before the nudge commits: a Temporal that is down refuses the nudge (503) instead of recording one nobody hears of.
        await temporal.connection.withDeadline(Date.now() + 15_000, () => temporal.workflow.start('nudgeWorkflow', { workflowId: nudgeWorkflowId(input), taskQueue, args: [input] }));
      }, { timeout: 20_000 });
      res.status(202).json({
        nudgeId, notified: s.openTasks.map((t) => ({ taskId: t.id, assigneeId: t.assigneeId, step: t.step })),
        nextNudgeAt: new Date(nextNudgeAt(interval, cal, Date.now())).toISOString(),
      });
    });
  }
  return router;
}

/** The subject's unit, its open tasks (current step first) and its last nudge; 404/403 as its own page. */
async function standing(prisma: PrismaClient, chain: string, subjectId: string, actor: AuthedUser) {
  const [row] = (await CHAIN_APIS[chain].loadMany(prisma, [subjectId])) as { id: string; unitId: string }[];
  if (!row) throw notFound('申请 / request');
  await assertMayReadSubject(prisma, actor, row);
  const [openTasks, last] = await Promise.all([
    prisma.task.findMany({ where: { subjectType: chain, subjectId, status: 'open' }, orderBy: { openedAt: 'desc' } }),
    prisma.auditEvent.findFirst({ where: { subjectType: chain, subjectId, type: 'nudged' }, orderBy: { seq: 'desc' }, select: { at: true } }),
  ]);
  return { unitId: row.unitId, openTasks, lastNudgedAt: last?.at };
}

/** 429: the last nudge is too recent; says when the next may go out, in both languages. */
function tooSoon(next: number, interval: WorkInterval): AppError {
  const left = next - Date.now();
  const span = spanText(left);
  const every = intervalText(interval);
  return new AppError(
    429, 'nudge_too_soon',
    `催办过于频繁：每${every.zh}最多催办一次，请${span.zh}后再试 / nudged too recently: at most once per ${every.en}; try again in ${span.en}`,
    { retryAt: new Date(next).toISOString() }, Math.ceil(left / 1000),
  );
}
