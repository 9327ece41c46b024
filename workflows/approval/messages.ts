import { defineUpdate } from '@temporalio/workflow';
import type { Actor, DecisionInput } from '../../domain';

/** Messages every chain's workflow answers; the API imports them from here. */
export interface DecideArgs {
  actor: Actor;
  decision: DecisionInput;
  /** the step and round of the task the actor decided on, so a stale screen is refused (loans before the engine sent no round) */
  expected: { step: string; round?: number };
  /**
   * The assignee the actor decides for (代理): the task was handed to the actor, or its assignee is away
   * with the actor as substitute (the API checks which). The actor must still hold the step's role.
   */
  onBehalfOf?: string;
}
export interface ResubmitArgs<Content = unknown> {
  actor: Actor;
  /** the revised application, checked by the chain's own rules */
  content: Content;
  expectedRound?: number;
  /** the subject's fiscal year (derived when it was filed), for rules that depend on it (R-B6) */
  fiscalYear: number;
}
export interface WithdrawArgs {
  actor: Actor;
  comment?: string;
}
export interface DecisionOutcome {
  position: string;
  round: number;
}

export const decideUpdate = defineUpdate<DecisionOutcome, [DecideArgs]>('decide');
export const resubmitUpdate = defineUpdate<DecisionOutcome, [ResubmitArgs]>('resubmit');
export const withdrawUpdate = defineUpdate<DecisionOutcome, [WithdrawArgs]>('withdraw');

/** ApplicationFailure types the API maps to HTTP answers. */
export const FAILURE_DECISION_REFUSED = 'DecisionRefused';
export const FAILURE_RULE_VIOLATION = 'RuleViolation';
