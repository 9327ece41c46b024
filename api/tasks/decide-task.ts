import type { ApiDeps, AuthedUser } from '../context';
import type { DecisionInput } from '../../domain';
import { budgetWorkflowId, decideUpdate } from '../../workflows/budget-messages';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { withWorkflowDeadline } from '../workflow-calls';
import { presentBudgetRequest, presentTask } from '../budget-requests/presenter';

export interface DecideTaskOptions {
  /** the approver, signed in to the inbox or holding an e-mail link bound to them */
  actor: AuthedUser;
  taskId: string;
  decision: DecisionInput;
}

/**
 * Decides one of the actor's tasks through the workflow's `decide` update, so the inbox and the
 * e-mail links go through the same validator; answers the outcome with the task and request after it.
 */
export async function decideTask({ prisma, temporal }: Pick<ApiDeps, 'prisma' | 'temporal'>, { actor, taskId, decision }: DecideTaskOptions) {
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task) throw notFound('任务 / task');
  if (task.assigneeId !== actor.userId) throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
  if (task.status !== 'open') throw conflict('task_closed', '此任务已办结 / this task is already closed');
  if (task.step === 'revision') {
    throw new AppError(422, 'action_not_allowed', '退回的申请请通过“重新提交”或“撤回”办理 / resubmit or withdraw a returned request instead');
  }
  const outcome = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(budgetWorkflowId(task.subjectId)).executeUpdate(decideUpdate, {
    args: [{ actor, decision, expected: { step: task.step, round: task.round } }],
  }));
  const [closed, request] = await Promise.all([
    prisma.task.findUniqueOrThrow({ where: { id: task.id } }),
    prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } }),
  ]);
  return { outcome, task: presentTask(closed), request: presentBudgetRequest(request) };
}
