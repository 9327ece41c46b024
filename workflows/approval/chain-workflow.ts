import type { Duration } from '@temporalio/common';
import { ChainDefinition, initialChainState } from '../../domain';
import { Outbox } from '../shared';
import { CHAIN_ACTIVITY_NAMES, HumanSteps } from './human-steps';

export interface ChainWorkflowInput {
  /** the chain's definition as it was when the subject was filed (the snapshot it keeps) */
  chain: ChainDefinition;
  subjectId: string;
  unitId: string;
  /** how long approvers may leave a task open before they are reminded again */
  remindAfter?: Duration;
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
  });
  await steps.runToEnd();
  return steps.state.position;
}
