import type { ApiDeps, AuthedUser } from '../context';
import type { DecisionInput } from '../../domain';
import { loanDecideUpdate, loanWorkflowId } from '../../workflows/loan-messages';
import { AppError, forbidden, notFound } from '../errors';
import { withWorkflowDeadline } from '../workflow-calls';
import { presentLoan, presentLoanTask } from './presenter';
import { presentDecision } from '../budget-requests/presenter';
import { recordedDecision, sendDecision } from '../decision-updates';

export interface DecideLoanTaskOptions {
  actor: AuthedUser;
  taskId: string;
  decision: DecisionInput;
}

type DecideDeps = Pick<ApiDeps, 'prisma' | 'temporal'> & Partial<Pick<ApiDeps, 'updateDeadlineMs'>>;

/**
 * Decides a loan task (finance review, executive meeting) through the loan workflow's update, whose
 * validator runs the same checks as the domain (R-L6 meeting reference, role, stale step). Exactly
 * once, like `decideTask`: a retry joins the same update or is answered with the recorded decision.
 */
export async function decideLoanTask(deps: DecideDeps, { actor, taskId, decision }: DecideLoanTaskOptions) {
  const { prisma, temporal } = deps;
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task || task.subjectType !== 'loan') throw notFound('任务 / task');
  if (task.assigneeId !== actor.userId) throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
  const answer = async (replayed: boolean) => {
    const [closed, loan, recorded] = await Promise.all([
      prisma.task.findUniqueOrThrow({ where: { id: task.id } }),
      prisma.loan.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } }),
      prisma.decision.findUnique({ where: { subjectId_round_step_actorId: { subjectId: task.subjectId, round: task.round, step: task.step, actorId: actor.userId } } }),
    ]);
    return {
      outcome: { position: loan.step }, task: presentLoanTask(closed), loan: presentLoan(loan),
      ...(recorded ? { decision: presentDecision(recorded) } : {}), ...(replayed ? { replayed } : {}),
    };
  };
  if (await recordedDecision(prisma, task, actor.userId, decision)) return answer(true);
  if (task.step === 'disbursement') {
    throw new AppError(422, 'action_not_allowed', '放款请通过“放款”办理（POST /loans/{id}/disburse） / disburse the loan instead of deciding this task');
  }
  await sendDecision(prisma, task, (updateId) => withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(loanWorkflowId(task.subjectId)).executeUpdate(loanDecideUpdate, {
    updateId, args: [{ actor, decision, expected: { step: task.step } }],
  }), deps.updateDeadlineMs), decision);
  return answer(false);
}
