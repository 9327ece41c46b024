import type { ApiDeps, AuthedUser } from '../context';
import { chainPositionLabel, DecisionInput, isDecisionStep, REVISION } from '../../domain';
import { decideUpdate } from '../../workflows/approval/messages';
import { AppError, forbidden, notFound } from '../errors';
import { withWorkflowDeadline } from '../workflow-calls';
import { presentChainDecision } from '../budget-requests/presenter';
import { recordedDecision, sendDecision } from '../decision-updates';
import { chainApiOf } from '../approval/chains';
import { presentTask } from './present-task';

type DecidedTask = {
  id: string; subjectType: string; subjectId: string; round: number; step: string; status: string; assigneeId: string; decisionAttempt: number;
};

export interface DecideTaskOptions {
  /** the approver, signed in to the inbox or holding an e-mail link bound to them */
  actor: AuthedUser;
  taskId: string;
  /** the task when the caller has read it already (the e-mail link), so it is not read twice */
  task?: DecidedTask;
  decision: DecisionInput;
}

type DecideDeps = Pick<ApiDeps, 'prisma' | 'temporal'> & Partial<Pick<ApiDeps, 'updateDeadlineMs'>>;

/**
 * Decides one of the actor's tasks, whatever its chain, through the workflow's `decide` update, so the
 * inbox and the e-mail links go through the same validator; answers the outcome with the task and its
 * subject after it. Exactly once: a retry joins the same update, and once the decision has landed a
 * retry by the same actor is answered with it (`replayed: true`).
 */
export async function decideTask(deps: DecideDeps, { actor, taskId, task: known, decision }: DecideTaskOptions) {
  const { prisma, temporal } = deps;
  const task = known ?? await prisma.task.findUnique({ where: { id: taskId } });
  if (!task) throw notFound('任务 / task');
  if (task.assigneeId !== actor.userId) throw forbidden('这不是您的任务 / this task is assigned to someone else', 'not_assignee');
  const chain = chainApiOf(task.subjectType);
  if (!chain) throw new AppError(422, 'action_not_allowed', '此任务在其专门页面办理 / this task is decided on its own page');
  /** The answer: the workflow's own outcome when this call decided, else where the subject stands now. */
  const answer = async (replayed: boolean, outcome?: { position: string; round: number }) => {
    const [closed, subject, recorded] = await Promise.all([
      prisma.task.findUniqueOrThrow({ where: { id: task.id } }),
      chain.load(prisma, task.subjectId),
      prisma.decision.findUnique({ where: { subjectId_round_step_actorId: { subjectId: task.subjectId, round: task.round, step: task.step, actorId: actor.userId } } }),
    ]);
    return {
      outcome: outcome ?? chain.standing(subject), task: presentTask(closed), [chain.subjectKey]: chain.present(subject),
      ...(recorded ? { decision: presentChainDecision(recorded, (step) => chainPositionLabel(chain.definition, step)) } : {}), ...(replayed ? { replayed } : {}),
    };
  };
  if (await recordedDecision(prisma, task, actor.userId, decision)) return answer(true);
  if (!isDecisionStep(chain.definition, task.step)) {
    const noun = chain.definition.subject;
    throw new AppError(422, 'action_not_allowed', task.step === REVISION
      ? `退回的${noun.zh}请通过“重新提交”或“撤回”办理 / resubmit or withdraw a returned ${noun.en} instead`
      : `此任务在${noun.zh}页面办理（如放款） / this task is done on the ${noun.en}'s page (e.g. disbursement), not decided here`);
  }
  const outcome = await sendDecision(prisma, task, (updateId) => withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(chain.workflowId(task.subjectId)).executeUpdate(decideUpdate, {
    updateId, args: [{ actor, decision, expected: { step: task.step, round: task.round } }],
  }), deps.updateDeadlineMs), decision);
  return answer(false, outcome);
}
