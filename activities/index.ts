import { createBudgetActivities, BudgetActivityDeps } from './budget';
import { createLoanActivities } from './loan';
import { withDataErrorsNonRetryable } from './data-errors';
import { createAdvancesPlanActivities } from './advances-plan';
import { createYearTurnActivities } from './year-turn';

/** Every activity the worker registers, built from its dependencies; data errors are never retried. */
export function createActivities(deps: BudgetActivityDeps) {
  return withDataErrorsNonRetryable({ ...createBudgetActivities(deps), ...createLoanActivities(deps), ...createAdvancesPlanActivities(deps), ...createYearTurnActivities(deps) });
}

export type { BudgetActivityDeps };
