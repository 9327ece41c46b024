import { proxyActivities } from '@temporalio/workflow';
import type { AdvancesPlanActivities } from '../activities/advances-plan';
import { chinaDate } from '../domain';

const acts = proxyActivities<AdvancesPlanActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 10 } });

/** The Temporal Schedule that runs `advancesDailyWorkflow` every day shortly after midnight, China time. */
export const ADVANCES_DAILY_SCHEDULE = 'advances-daily';

/**
 * Once a China day (run by a Temporal Schedule in Asia/Shanghai, or by hand): records the county's
 * advances balance for the reduction plan's chart, then escalates missed or at-risk milestones (R-L11).
 */
export async function advancesDailyWorkflow(): Promise<{ day: string; balance: string; missed: string[]; atRisk: string[] }> {
  const day = chinaDate(Date.now());
  const balance = await acts.recordAdvancesSnapshot({ day });
  const { missed, atRisk } = await acts.checkReductionPlan({ today: day });
  return { day, balance, missed, atRisk };
}
