import type { ApiDeps, AuthedUser } from '../context';
import type { DecisionInput } from '../../domain';
import { loanDecideUpdate, loanWorkflowId } from '../../workflows/loan-messages';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { withWorkflowDeadline } from '../workflow-calls';
import { presentLoan, presentLoanTask } from './presenter';

export interface DecideLoanTaskOptions {
  actor: AuthedUser;
  taskId: string;
  decision: DecisionInput;
}

/**
 * Decides a loan task (finance review, executive meeting) through the loan workflow's update, whose
 * validator runs the same checks as the domain (R-L6 meeting reference, role, stale step).
 */
export async function decideLoanTask({ prisma, temporal }: Pick<ApiDeps, 'prisma' | 'temporal'>, { actor, taskId, decision }: DecideLoanTaskOptions) {
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task || task.subjectType !== 'loan') throw notFound('任务 / task');
  if (task.assigneeId !== actor.userId) throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
  if (task.status !== 'open') throw conflict('task_closed', '此任务已办结 / this task is already closed');
  if (task.step === 'disbursement') {
    throw new AppError(422, 'action_not_allowed', '放款请通过“放款”办理（POST /loans/{id}/disburse） / disburse the loan instead of deciding this task');
  }
  const outcome = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(loanWorkflowId(task.subjectId)).executeUpdate(loanDecideUpdate, {
    args: [{ actor, decision, expected: { step: task.step } }],
  }));
  const [closed, loan] = await Promise.all([
    prisma.task.findUniqueOrThrow({ where: { id: task.id } }),
    prisma.loan.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } }),
  ]);
  return { outcome, task: presentLoanTask(closed), loan: presentLoan(loan) };
}
