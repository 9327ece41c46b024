import type { ApiDeps, AuthedUser } from '../context';
import type { DecisionInput } from '../../domain';
import { budgetWorkflowId, decideUpdate } from '../../workflows/budget-messages';
import { AppError, forbidden, notFound } from '../errors';
import { withWorkflowDeadline } from '../workflow-calls';
import { presentBudgetRequest, presentDecision, presentTask } from '../budget-requests/presenter';
import { recordedDecision, sendDecision } from '../decision-updates';

export interface DecideTaskOptions {
  /** the approver, signed in to the inbox or holding an e-mail link bound to them */
  actor: AuthedUser;
  taskId: string;
  decision: DecisionInput;
}

type DecideDeps = Pick<ApiDeps, 'prisma' | 'temporal'> & Partial<Pick<ApiDeps, 'updateDeadlineMs'>>;

/**
 * Decides one of the actor's tasks through the workflow's `decide` update, so the inbox and the
 * e-mail links go through the same validator; answers the outcome with the task and request after it.
 * Exactly once: a retry joins the same update, and once the decision has landed a retry by the same
 * actor is answered with it (`replayed: true`).
 */
export async function decideTask(deps: DecideDeps, { actor, taskId, decision }: DecideTaskOptions) {
  const { prisma, temporal } = deps;
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task) throw notFound('任务 / task');
  if (task.assigneeId !== actor.userId) throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
  const answer = async (replayed: boolean) => {
    const [closed, request, recorded] = await Promise.all([
      prisma.task.findUniqueOrThrow({ where: { id: task.id } }),
      prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } }),
      prisma.decision.findUnique({ where: { subjectId_round_step_actorId: { subjectId: task.subjectId, round: task.round, step: task.step, actorId: actor.userId } } }),
    ]);
    return {
      outcome: { position: request.step, round: request.round }, task: presentTask(closed), request: presentBudgetRequest(request),
      ...(recorded ? { decision: presentDecision(recorded) } : {}), ...(replayed ? { replayed } : {}),
    };
  };
  if (await recordedDecision(prisma, task, actor.userId, decision)) return answer(true);
  if (task.step === 'revision') {
    throw new AppError(422, 'action_not_allowed', '退回的申请请通过“重新提交”或“撤回”办理 / resubmit or withdraw a returned request instead');
  }
  await sendDecision(prisma, task, (updateId) => withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(budgetWorkflowId(task.subjectId)).executeUpdate(decideUpdate, {
    updateId, args: [{ actor, decision, expected: { step: task.step, round: task.round } }],
  }), deps.updateDeadlineMs), decision);
  return answer(false);
}
