import { createBudgetActivities, BudgetActivityDeps } from './budget';
import { createLoanActivities } from './loan';

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: BudgetActivityDeps) {
  return { ...createBudgetActivities(deps), ...createLoanActivities(deps) };
}

export type { BudgetActivityDeps };
