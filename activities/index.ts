import { createBudgetActivities, BudgetActivityDeps } from './budget';
import { createLoanActivities } from './loan';
import { withDataErrorsNonRetryable } from './data-errors';
import { createAdvancesPlanActivities } from './advances-plan';
import { createYearTurnActivities } from './year-turn';
import { createDutyActivities } from './duties';
import { DEFAULT_DUTY_SETTINGS, DutySettings } from '../domain';

/** Every activity the worker registers, built from its dependencies; data errors are never retried. */
export function createActivities(deps: BudgetActivityDeps & { duties?: DutySettings }) {
  return withDataErrorsNonRetryable({ ...createBudgetActivities(deps), ...createLoanActivities(deps), ...createAdvancesPlanActivities(deps), ...createYearTurnActivities(deps), ...createDutyActivities({ ...deps, duties: deps.duties ?? DEFAULT_DUTY_SETTINGS }) });
}

export type { BudgetActivityDeps };
