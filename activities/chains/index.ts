import type { ChainSubjects } from '../approval/subjects';
import type { ChainTaskDeps } from '../approval/tasks';
import type { LoanNews } from '../loan';
import { budgetSubjects } from './budget';
import { loanSubjects } from './loan';
import { policySubjects } from './policy';
import { changeOfUseSubjects } from './change-of-use';

/** Every chain's part of the task activities, by chain id. A new chain adds its subjects here. */
export function chainSubjects(deps: ChainTaskDeps & { now?: () => number; mailLoanNews(i: { loanId: string; news: LoanNews }): Promise<void> }) {
  const budget = budgetSubjects(deps);
  const subjects: Record<string, ChainSubjects> = {
    budget,
    loan: loanSubjects({ ...deps, now: deps.now ?? Date.now }),
    policy: policySubjects(),
    change_of_use: changeOfUseSubjects(),
  };
  return { subjects, mailBudgetOutcome: budget.mailBudgetOutcome };
}
