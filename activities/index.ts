import { createBudgetActivities, BudgetActivityDeps } from './budget';
import { createLoanActivities } from './loan';
import { createAdvancesPlanActivities } from './advances-plan';
import { createYearTurnActivities } from './year-turn';

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: BudgetActivityDeps) {
  return { ...createBudgetActivities(deps), ...createLoanActivities(deps), ...createAdvancesPlanActivities(deps), ...createYearTurnActivities(deps) };
}

export type { BudgetActivityDeps };
