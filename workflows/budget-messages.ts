import { defineQuery } from '@temporalio/workflow';
import type { BudgetChainState } from '../domain';

export {
  decideUpdate, resubmitUpdate, withdrawUpdate, FAILURE_DECISION_REFUSED, FAILURE_RULE_VIOLATION,
} from './approval/messages';
export type { DecideArgs, ResubmitArgs, WithdrawArgs, DecisionOutcome } from './approval/messages';

/** Messages of the budget-request workflow: the engine's updates, its own state query. */
export const chainStateQuery = defineQuery<BudgetChainState>('chainState');

export const budgetWorkflowId = (requestId: string): string => `budget-${requestId}`;
