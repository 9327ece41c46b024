import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, BudgetChainState, BudgetPosition, BudgetRequestContent, DecisionInput } from '../domain';

/** Messages of the budget-request workflow; the API imports them from here. */
export interface DecideArgs {
  actor: Actor;
  decision: DecisionInput;
  /** the step and round of the task the actor decided on, so a stale screen is refused */
  expected: { step: string; round: number };
}
export interface ResubmitArgs {
  actor: Actor;
  content: BudgetRequestContent;
  expectedRound?: number;
  /** the request's fiscal year (derived when it was filed), for R-B6's months */
  fiscalYear: number;
}
export interface WithdrawArgs {
  actor: Actor;
  comment: string;
}
export interface DecisionOutcome {
  position: BudgetPosition;
  round: number;
}

export const decideUpdate = defineUpdate<DecisionOutcome, [DecideArgs]>('decide');
export const resubmitUpdate = defineUpdate<DecisionOutcome, [ResubmitArgs]>('resubmit');
export const withdrawUpdate = defineUpdate<DecisionOutcome, [WithdrawArgs]>('withdraw');
export const chainStateQuery = defineQuery<BudgetChainState>('chainState');

/** ApplicationFailure types the API maps to HTTP answers. */
export const FAILURE_DECISION_REFUSED = 'DecisionRefused';
export const FAILURE_RULE_VIOLATION = 'RuleViolation';

export const budgetWorkflowId = (requestId: string): string => `budget-${requestId}`;
