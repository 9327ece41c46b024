import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import {
  BUDGET_CHAIN_DEFINITION, BudgetPosition, RemindAfter, BudgetRequestContent, ChainDefinition, checkBudgetContent, fromChainState, initialChainState,
} from '../domain';
import type { budgetSubjects } from '../activities/chains/budget';
import { chainStateQuery } from './budget-messages';
import { HumanSteps } from './approval/human-steps';
import { MAIL_WORK, Outbox } from './shared';

const mailActs = proxyActivities<Pick<ReturnType<typeof budgetSubjects>, 'mailBudgetOutcome'>>(MAIL_WORK);

export interface BudgetRequestWorkflowInput {
  requestId: string;
  unitId: string;
  /** how long approvers may leave a task open before they are reminded again */
  remindAfter?: Duration | RemindAfter;
  /** the R-B2 chain as defined when the request was filed; requests filed before the engine ran today's version 1 */
  chain?: ChainDefinition;
}

const TERMINAL: readonly string[] = ['executed', 'rejected', 'withdrawn'];

/** One supplementary-budget request walking the R-B2 chain until it is executed, rejected or withdrawn. */
export async function budgetRequestWorkflow(input: BudgetRequestWorkflowInput): Promise<BudgetPosition> {
  const definition = input.chain ?? BUDGET_CHAIN_DEFINITION;
  const outbox = new Outbox();
  const steps = new HumanSteps({
    definition, state: initialChainState(definition, input.requestId, input.unitId), outbox, remindAfter: input.remindAfter ?? '3 days',
    // The activity names this workflow type's recorded histories hold.
    activities: { open: 'openStepTasks', mail: 'mailStepTasks', remind: 'remindOpenTasks', decide: 'recordDecision', resubmit: 'recordResubmission' },
    checkContent: (content, fiscalYear) => checkBudgetContent(content as BudgetRequestContent, fiscalYear),
    // The filing clerk hears how the request ended, in a mail of its own: owed by the decision's statement (OUTCOME_MAIL_OUTBOX), else an activity.
    mailsOutcome: (state) => TERMINAL.includes(state.position),
    onMoved: (state, { comment, ownMail, outcomeOwed }) => {
      if (ownMail && !outcomeOwed && TERMINAL.includes(state.position)) {
        outbox.send(mailActs.mailBudgetOutcome({ requestId: input.requestId, position: state.position as BudgetPosition, comment }));
      }
    },
  });
  setHandler(chainStateQuery, () => fromChainState(steps.state, steps.lastAssignees.leader_briefing ?? []));
  await steps.runToEnd();
  return steps.state.position as BudgetPosition;
}
