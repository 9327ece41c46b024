import { createBudgetActivities, BudgetActivityDeps } from './budget';

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: BudgetActivityDeps) {
  return { ...createBudgetActivities(deps) };
}

export type { BudgetActivityDeps };
