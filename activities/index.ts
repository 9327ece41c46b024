import { createLoanActivities, LoanActivityDeps } from './loan';
import { withDataErrorsNonRetryable } from './data-errors';
import { createAdvancesPlanActivities } from './advances-plan';
import { createYearTurnActivities } from './year-turn';
import { createChainTaskActivities } from './approval/tasks';
import { chainSubjects } from './chains';

export type ActivityDeps = LoanActivityDeps;

/** Every activity the worker registers, built from its dependencies; data errors are never retried. */
export function createActivities(deps: ActivityDeps) {
  const loans = createLoanActivities(deps);
  const { subjects, mailBudgetOutcome } = chainSubjects({ ...deps, mailLoanNews: loans.mailLoanNews });
  return withDataErrorsNonRetryable({
    ...createChainTaskActivities(deps, subjects), mailBudgetOutcome, ...loans,
    ...createAdvancesPlanActivities(deps), ...createYearTurnActivities(deps),
  });
}

export type ChainActivities = ReturnType<typeof createChainTaskActivities>;
