import { z } from 'zod';
import { BUDGET_CHAIN, LOAN_STEPS } from '../../domain';
import { ZYearNumber as ZYear } from '../year-param';

export const ZDashboardQuery = z.object({ fiscalYear: ZYear.optional() });

/** The lists behind the dashboard's numbers; each can be exported with format=xlsx. */
export const DASHBOARD_LISTS = ['pending', 'reserved', 'committed', 'requests', 'pending-loans'] as const;
export type DashboardList = (typeof DASHBOARD_LISTS)[number];

/** The steps each pending list can be narrowed to: its own chain's. */
const PENDING_STEPS: Partial<Record<DashboardList, readonly string[]>> = { pending: BUDGET_CHAIN, 'pending-loans': Object.keys(LOAN_STEPS) };
const ALL_STEPS = [...new Set(Object.values(PENDING_STEPS).flat())] as [string, ...string[]];

export const ZDashboardListQuery = z.object({
  fiscalYear: ZYear.optional(),
  /** pending, pending-loans: only this step of the list's chain */
  step: z.enum(ALL_STEPS).optional(),
  /** requests: only this status */
  status: z.enum(['in_review', 'returned', 'rejected', 'executed', 'withdrawn']).optional(),
  /** json: one page of the list (`total` counts all of it); xlsx exports the whole list */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const ZDashboardListParams = z.object({ list: z.enum(DASHBOARD_LISTS) });

/** The list's query, refusing a step its chain does not have (a budget step on the loan list, say). */
export const dashboardListQuery = (list: DashboardList) => ZDashboardListQuery.superRefine((q, ctx) => {
  const steps = PENDING_STEPS[list];
  if (q.step && !steps?.includes(q.step)) {
    ctx.addIssue({ code: 'custom', path: ['step'], message: steps ? `此列表的环节只能是 / must be one of: ${steps.join(', ')}` : '此列表不按环节筛选 / this list has no steps' });
  }
});
