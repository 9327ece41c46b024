import express, { Router, Response } from 'express';
import { z } from 'zod';
import type { ApiDeps, AuthedUser } from '../context';
import { DecisionAction, DecisionInput, Role, ZDecisionInput } from '../../domain';
import { AppError, fromWorkflowError } from '../errors';
import { decideTask } from '../tasks/decide-task';
import { claimEmailAction, EmailActionState, LinkSubject, releaseEmailAction, resolveEmailAction } from './resolve-email-action';
import { confirmPage, donePage, errorPage, FormValues, problemPage, SubjectView } from './pages';
import { log } from '../../observability/request-context';

/** The confirmation form's fields; empty inputs count as absent. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
export const ZEmailActionForm = z.object({
  comment: z.preprocess(blankToUndefined, z.string().optional()),
  meetingKind: z.preprocess(blankToUndefined, z.string().optional()),
  meetingReference: z.preprocess(blankToUndefined, z.string().optional()),
  resolutionReference: z.preprocess(blankToUndefined, z.string().optional()),
  proceedAnyway: z.preprocess((v) => v === 'true' ? true : undefined, z.literal(true).optional()),
});

/** Refusals meaning the task or request moved on: the link can never decide again. */
const SUPERSEDED = new Set(['task_closed', 'stale_task', 'already_decided', 'workflow_closed', 'not_assignee']);

/**
 * Decision links from task e-mails. GET only shows a confirmation page (mail scanners prefetch
 * links); POST decides through the same `decideTask` as the web inbox, whatever the chain, once per link.
 */
export function emailActionsRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '32kb' }));
  router.use((_req, res, next) => {
    // The token is in the URL: keep it out of caches and of Referer headers to other sites.
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
    next();
  });

  /**
   * This link's own decision has landed (its answer was lost: a 503 "not known yet", a dropped
   * connection): say it is done rather than "superseded", so the approver knows it was theirs.
   */
  async function sendIfDecidedByLink(res: Response, state: EmailActionState): Promise<boolean> {
    if (state.kind !== 'superseded') return false;
    if (state.task.status !== 'done') return false;
    const { task, link } = state;
    const recorded = await prisma.decision.findUnique({ where: { subjectId_round_step_actorId: { subjectId: task.subjectId, round: task.round, step: task.step, actorId: link.userId } } });
    if (recorded?.action !== link.action) return false;
    await claimEmailAction(prisma, state.tokenHash, new Date());
    const { position } = state.subject.chain.standing(state.subject.row);
    res.type('html').send(donePage({ action: link.action as DecisionAction, subject: viewOf(state.subject), position }));
    return true;
  }

  router.get('/:token', async (req, res) => {
    const state = await resolveEmailAction(prisma, String(req.params.token));
    if (await sendIfDecidedByLink(res, state)) return;
    if (state.kind !== 'valid') return sendProblem(res, state);
    res.type('html').send(confirmForm(String(req.params.token), state));
  });

  router.post('/:token', async (req, res) => {
    const state = await resolveEmailAction(prisma, String(req.params.token));
    if (await sendIfDecidedByLink(res, state)) return;
    if (state.kind !== 'valid') return sendProblem(res, state);
    const form = ZEmailActionForm.safeParse(req.body ?? {});
    const values: FormValues = form.success ? form.data : {};
    const parsed = form.success ? ZDecisionInput.safeParse({ ...values, action: state.link.action }) : form;
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return void res.status(400).type('html').send(confirmForm(String(req.params.token), state, values, `请检查填写内容 / please check the form: ${message}`));
    }
    const claimedAt = new Date();
    if (!(await claimEmailAction(prisma, state.tokenHash, claimedAt))) {
      // Someone (a second click) took it first; say what the link is now.
      const now = await resolveEmailAction(prisma, String(req.params.token));
      return sendProblem(res, now.kind === 'valid' ? { ...now, kind: 'used' } : now);
    }
    try {
      const { outcome } = await decide(deps, state, parsed.data);
      res.type('html').send(donePage({ action: state.link.action as DecisionAction, subject: viewOf(state.subject), position: outcome.position }));
    } catch (err) {
      // The workflow refused (or did not answer in time): the link is given back. Should a late
      // answer still decide, the task is closed and the link then shows as superseded.
      await releaseEmailAction(prisma, state.tokenHash, claimedAt);
      const known = err instanceof AppError ? err : fromWorkflowError(err);
      if (known && SUPERSEDED.has(known.code)) return sendProblem(res, { ...state, kind: 'superseded', reason: known.message });
      if (known) return void res.status(known.status).type('html').send(confirmForm(String(req.params.token), state, values, known.message, known.code === 'consultation_pending'));
      log().error({ err }, 'e-mail decision failed');
      res.status(500).type('html').send(errorPage('系统内部错误，请稍后重试或在系统中办理 / internal error; please retry later or decide in the inbox'));
    }
  });

  return router;
}

function confirmForm(token: string, state: Extract<EmailActionState, { kind: 'valid' }>, values?: FormValues, error?: string, offerProceedAnyway?: boolean): string {
  return confirmPage({ offerProceedAnyway,
    token, action: state.link.action as DecisionAction, subject: viewOf(state.subject), task: state.task, values, error,
    assigneeName: state.linkUser.id === state.task.assigneeId ? state.task.assignee.displayName : `${state.linkUser.displayName}（代 ${state.task.assignee.displayName} 办理 / on behalf of ${state.task.assignee.displayName}）`,
  });
}

function sendProblem(res: Response, state: Exclude<EmailActionState, { kind: 'valid' }>): void {
  if (state.kind === 'forged') return void res.status(404).type('html').send(problemPage({ kind: 'forged' }));
  const at = state.kind === 'used' ? state.link.usedAt ?? undefined : state.kind === 'expired' ? state.link.expiresAt : undefined;
  res.status(410).type('html').send(problemPage({ kind: state.kind, reason: state.kind === 'superseded' ? state.reason : undefined, at, subject: viewOf(state.subject) }));
}

const viewOf = (s: LinkSubject): SubjectView => ({ definition: s.chain.definition, facts: (task) => s.chain.facts(s.row, task) });

/** Decides through the one decide command of the inbox, with the task the link already loaded. */
function decide(deps: ApiDeps, state: Extract<EmailActionState, { kind: 'valid' }>, decision: DecisionInput): Promise<{ outcome: { position: string } }> {
  return decideTask(deps, { actor: actorOfLink(state), taskId: state.task.id, task: state.task, decision });
}

/** The approver a link is bound to: the link stands in for their login, for this one task and action. */
function actorOfLink(state: Extract<EmailActionState, { kind: 'valid' }>): AuthedUser {
  const u = state.linkUser;
  return { userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], unitId: u.unitId };
}
