import { createLoanActivities, LoanActivityDeps } from './loan';
import { withDataErrorsNonRetryable } from './data-errors';
import { createAdvancesPlanActivities } from './advances-plan';
import { createYearTurnActivities } from './year-turn';
import { createChainTaskActivities } from './approval/tasks';
import { createNoticeActivities } from './approval/notices';
import { createDutyActivities } from './duties';
import { DEFAULT_DUTY_SETTINGS, DutySettings, type WorkingDayCalendar } from '../domain';
import { chainSubjects } from './chains';
import type { MailOutbox } from './mail-outbox';

export type ActivityDeps = LoanActivityDeps & { duties?: DutySettings; workingDayCalendar?: WorkingDayCalendar; mailOutbox?: MailOutbox };

/** Every activity the worker registers, built from its dependencies; data errors are never retried. */
export function createActivities(deps: ActivityDeps) {
  const loans = createLoanActivities(deps);
  const { subjects, mailBudgetOutcome } = chainSubjects({ ...deps, mailLoanNews: loans.mailLoanNews });
  return withDataErrorsNonRetryable({
    ...createChainTaskActivities(deps, subjects), ...createNoticeActivities(deps, subjects), mailBudgetOutcome, ...loans,
    ...createAdvancesPlanActivities(deps), ...createYearTurnActivities(deps),
    ...createDutyActivities({ ...deps, duties: deps.duties ?? DEFAULT_DUTY_SETTINGS }),
  });
}

export type ChainActivities = ReturnType<typeof createChainTaskActivities>;
