import { z } from 'zod';
import { BUDGET_CHAIN } from '../../domain';

const ZYear = z.coerce.number().int().min(2000).max(2100);

export const ZDashboardQuery = z.object({ fiscalYear: ZYear.optional() });

/** The lists behind the dashboard's numbers; each can be exported with format=xlsx. */
export const DASHBOARD_LISTS = ['pending', 'reserved', 'committed', 'requests'] as const;
export type DashboardList = (typeof DASHBOARD_LISTS)[number];

export const ZDashboardListQuery = z.object({
  fiscalYear: ZYear.optional(),
  /** pending: only this chain step */
  step: z.enum(BUDGET_CHAIN as [string, ...string[]]).optional(),
  /** requests: only this status */
  status: z.enum(['in_review', 'returned', 'rejected', 'executed', 'withdrawn']).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const ZDashboardListParams = z.object({ list: z.enum(DASHBOARD_LISTS) });
