import type { Duration } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import { ChainDefinition, initialChainState, isTerminal, RemindAfter } from '../../domain';
import type { ChainOutcomeInput } from '../../activities/approval/contract';
import { MAIL_WORK, Outbox } from '../shared';

const mailWork = proxyActivities<{ mailChainOutcome(i: ChainOutcomeInput): Promise<void> }>(MAIL_WORK);
import { CHAIN_ACTIVITY_NAMES, HumanSteps } from './human-steps';

export interface ChainWorkflowInput {
  /** the chain's definition as it was when the subject was filed (the snapshot it keeps) */
  chain: ChainDefinition;
  subjectId: string;
  unitId: string;
  /** how long approvers may leave a task open before they are reminded again */
  remindAfter?: Duration | RemindAfter;
}

/**
 * A subject whose whole life is its chain (R-B9 policies, R-B10 changes of use): the engine's human
 * steps from filing to a terminal, with nothing of its own before or after. Returns where it ended.
 */
export async function chainWorkflow(input: ChainWorkflowInput): Promise<string> {
  const outbox = new Outbox();
  const steps = new HumanSteps({
    definition: input.chain, state: initialChainState(input.chain, input.subjectId, input.unitId), outbox,
    remindAfter: input.remindAfter ?? '3 days', activities: CHAIN_ACTIVITY_NAMES,
    // The applicant hears where it ended (in force, approved, unaffordable, rejected), with the reason: owed by the decision's statement (OUTCOME_MAIL_OUTBOX), else an activity.
    mailsOutcome: (state) => isTerminal(input.chain, state.position),
    onMoved: (state, { comment, outcomeOwed }) => {
      if (!outcomeOwed && isTerminal(input.chain, state.position)) {
        outbox.send(mailWork.mailChainOutcome({ chain: input.chain.id, subjectId: input.subjectId, round: state.round, step: state.position, ...(comment ? { comment } : {}) }));
      }
    },
  });
  await steps.runToEnd();
  return steps.state.position;
}
