import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import type { DecisionInput } from '../domain';
import { AppError, conflict } from './errors';

interface DecidedTask { id: string; subjectId: string; round: number; step: string; status: string; decisionAttempt: number }

/**
 * The workflow update id of a decision: fixed per task, attempt and body, so a retry (a second
 * click, a client retrying after a timeout, an e-mail link posted again) joins the update already
 * sent and hears its result instead of deciding twice. `decisionAttempt` moves on after a refusal,
 * so a corrected or repeated decision is a new update rather than the refusal replayed.
 */
export function decisionUpdateId(task: DecidedTask, decision: DecisionInput, onBehalfBy?: string): string {
  // Someone deciding for the assignee (代理/转交) sends an update of their own: the assignee may act on the same task.
  const body = createHash('sha256').update(JSON.stringify([decision.action, decision.comment ?? '', decision.meetingKind ?? '',
    decision.meetingReference ?? '', decision.resolutionReference ?? '', ...(decision.proceedAnyway ? ['proceed-anyway'] : []),
    ...(onBehalfBy ? [`by:${onBehalfBy}`] : [])])).digest('base64url').slice(0, 16);
  return `decision:${task.id}:${task.decisionAttempt}:${body}`;
}

/**
 * What the actor decided on this task, if the decision landed: a retry of a decision whose answer
 * was lost (a 503, a dropped connection) is answered with it, not with "task closed".
 */
export async function recordedDecision(prisma: PrismaClient, task: DecidedTask, actorId: string, decision: DecisionInput) {
  if (task.status === 'open') return undefined;
  const recorded = await prisma.decision.findUnique({
    where: { subjectId_round_step_actorId: { subjectId: task.subjectId, round: task.round, step: task.step, actorId } },
  });
  if (!recorded) throw conflict('task_closed', '此任务已办结 / this task is already closed');
  if (recorded.action !== decision.action) {
    throw conflict('already_decided', `您已对此任务作出决定（${recorded.action}） / you already decided this task (${recorded.action})`);
  }
  return recorded;
}

/**
 * Sends a decision update and turns what can go wrong into a true answer: a refusal (4xx, and the
 * next attempt gets a fresh update id); no answer before the deadline → 503 `decision_pending`:
 * the update may still land, so the approver is told the outcome is not known yet, not that
 * nothing was decided.
 */
export async function sendDecision<T>(prisma: PrismaClient, task: DecidedTask, send: (updateId: string) => Promise<T>, decision: DecisionInput, onBehalfBy?: string): Promise<T> {
  try {
    return await send(decisionUpdateId(task, decision, onBehalfBy));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError || err instanceof AppError) {
      await prisma.task.updateMany({ where: { id: task.id, decisionAttempt: task.decisionAttempt }, data: { decisionAttempt: { increment: 1 } } }).catch(() => undefined);
      throw err;
    }
    throw decisionPending(task.id, err);
  }
}

/** 503: the decision went out but its outcome is not known yet; retrying the same decision is safe. */
export function decisionPending(taskId: string, cause?: unknown): AppError {
  if (cause) console.warn('decision outcome not known yet', taskId, cause instanceof Error ? cause.message : cause);
  return new AppError(503, 'decision_pending',
    '决定已发出，但审批流程尚未确认结果（稍后可能生效）。请稍后以相同内容重试，或打开任务查看 / the decision was sent but its outcome is not known yet (it may still take effect); retry the same decision later, or open the task to see',
    { task: { id: taskId, url: `/tasks/${taskId}`, api: `/api/tasks/${taskId}` } });
}
