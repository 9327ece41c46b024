import type { ApiDeps, AuthedUser } from '../context';
import { chainPositionLabel, DecisionInput, isDecisionStep, REVISION } from '../../domain';
import { decideUpdate } from '../../workflows/approval/messages';
import { AppError, notFound } from '../errors';
import { requireTaskAuthority } from '../delegation/task-authority';
import { consultationPending, unansweredConsultations } from '../consultations/pending';
import { withWorkflowDeadline } from '../workflow-calls';
import { presentChainDecision } from '../budget-requests/presenter';
import { recordedDecision, sendDecision } from '../decision-updates';
import { ChainApi, chainApiOf } from '../approval/chains';
import { presentTask } from './present-task';
import { readDecidedTask, readTaskToDecide, type TaskToDecide } from './decision-reads';

type DecidedTask = {
  id: string; subjectType: string; subjectId: string; round: number; step: string; status: string; assigneeId: string; delegateId: string | null; decisionAttempt: number;
  decidedById: string | null;
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

/** `proceedAnyway` only means something while an opinion is awaited: recorded then, dropped otherwise. */
const withoutProceed = ({ proceedAnyway: _proceed, ...decision }: DecisionInput): DecisionInput => decision;

/**
 * Decides one of the actor's tasks, whatever its chain, through the workflow's `decide` update, so the
 * inbox and the e-mail links go through the same validator; answers the outcome with the task and its
 * subject after it. Exactly once: a retry joins the same update, and once the decision has landed a
 * retry by the same actor is answered with it (`replayed: true`).
 */
export async function decideTask(deps: DecideDeps, { actor, taskId, task: known, decision }: DecideTaskOptions) {
  const { prisma, temporal } = deps;
  const task: DecidedTask & Partial<Pick<TaskToDecide, 'waitingOn'>> | undefined = known ?? await readTaskToDecide(prisma, taskId, actor.userId);
  if (!task) throw notFound('任务 / task');
  const chain = chainApiOf(task.subjectType);
  /** The answer: the workflow's own outcome when this call decided, else where the subject stands now. */
  const answer = async (chain: ChainApi, replayed: boolean, outcome?: { position: string; round: number }) => {
    const [{ task: closed, decision: recorded }, subject] = await Promise.all([readDecidedTask(prisma, task.id, actor.userId), chain.load(prisma, task.subjectId)]);
    return {
      outcome: outcome ?? chain.standing(subject), task: presentTask(closed), [chain.subjectKey]: chain.present(subject),
      ...(recorded ? { decision: presentChainDecision(recorded, (step) => chainPositionLabel(chain.definition, step)) } : {}), ...(replayed ? { replayed } : {}),
    };
  };
  // A retry of a decision that landed is answered with it even if the authority it was made under has
  // ended since (an absence over, a hand-over taken back): the answer is what was decided, by them.
  if (chain && task.status !== 'open' && task.decidedById === actor.userId && await recordedDecision(prisma, task, actor.userId, decision)) return answer(chain, true);
  // The assignee, whoever holds it by hand-over, or the assignee's substitute while they are away (on their behalf).
  const { onBehalfOf } = await requireTaskAuthority(prisma, task, actor.userId);
  if (!chain) throw new AppError(422, 'action_not_allowed', '此任务在其专门页面办理 / this task is decided on its own page');
  if (await recordedDecision(prisma, task, actor.userId, decision)) return answer(chain, true);
  if (!isDecisionStep(chain.definition, task.step)) {
    const noun = chain.definition.subject;
    throw new AppError(422, 'action_not_allowed', task.step === REVISION
      ? `退回的${noun.zh}请通过“重新提交”或“撤回”办理 / resubmit or withdraw a returned ${noun.en} instead`
      : `此任务在${noun.zh}页面办理（如放款） / this task is done on the ${noun.en}'s page (e.g. disbursement), not decided here`);
  }
  // The step waits for the opinions the actor asked, unless they proceed anyway (which the decision records).
  const waiting = task.waitingOn ?? await unansweredConsultations(prisma, task.id, actor.userId);
  if (waiting.length && !decision.proceedAnyway) throw consultationPending(waiting);
  const decided = waiting.length ? decision : withoutProceed(decision);
  const outcome = await sendDecision(prisma, task, (updateId) => withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(chain.workflowId(task.subjectId)).executeUpdate(decideUpdate, {
    updateId, args: [{ actor, decision: decided, expected: { step: task.step, round: task.round }, ...(onBehalfOf ? { onBehalfOf } : {}) }],
  }), deps.updateDeadlineMs), decided, onBehalfOf ? actor.userId : undefined);
  return answer(chain, false, outcome);
}
