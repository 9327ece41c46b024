import { createReportActivities } from './reports';
import { createTransferActivities } from './transfers';
import { createRiskEventActivities } from './risk-events';
import type { DutyDeps } from './duty-people';

/** Every activity of the plan's duties with deadlines (reports, R-B7 transfers, R-M4 risk events). */
export function createDutyActivities(deps: DutyDeps) {
  return { ...createReportActivities(deps), ...createTransferActivities(deps), ...createRiskEventActivities(deps) };
}

export type DutyActivities = ReturnType<typeof createDutyActivities>;
