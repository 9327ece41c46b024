import { UNIT_BRIEF } from '../units/unit-brief';
import type { BudgetRequest, PrismaClient } from '../../prisma/client';
import { fiscalYearAt, addYuan, BUDGET_CHAIN, BUDGET_STEPS, normalizeYuan, RULES } from '../../domain';
import { presentFiscalYear } from '../fiscal-years/presenter';
import { presentBudgetRequest } from '../budget-requests/presenter';
import { pendingLoanSummary } from './pending-loans';
import { sumTotals, yearTotals, YearTotalsFilter } from '../budget-requests/year-totals';
import { ageHours, oldestWaiting, waitingByStep, waitingRow, waitingSubjectsPage } from './waiting';

/** Whose requests a reader sees: every unit, or a clerk's own. */
export interface Scope { unitId?: string }

/** A page of a list: at most `limit` rows (all of them when unset, as for an export) from `offset`. */
export interface Page { limit?: number; offset: number }
const ALL: Page = { offset: 0 };

/** The fiscal year the dashboard opens on: this calendar year if its figures exist, else the latest. */
export async function defaultFiscalYear(prisma: PrismaClient, now = new Date()): Promise<number | undefined> {
  const years = (await prisma.fiscalYear.findMany({ select: { year: true }, orderBy: { year: 'desc' } })).map((y) => y.year);
  const current = fiscalYearAt(now.getTime());
  return years.includes(current) ? current : years[0];
}

/**
 * Requests waiting for an approver, oldest first: since when the current step's tasks are open and
 * who has not decided yet. Revision (back with the department) is not an approval and is left out.
 */
export async function pendingApprovals(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; step?: string; now?: Date; page?: Page }) {
  const now = o.now ?? new Date();
  const { total, rows } = await waitingSubjectsPage<BudgetRequest>(prisma, { kind: 'budget', steps: o.step ? [o.step] : BUDGET_CHAIN, fiscalYear: o.fiscalYear, unitId: o.scope.unitId }, o.page ?? ALL);
  return { total, items: rows.map((w) => waitingRow(presentBudgetRequest(w.subject), w, now)) };
}

/** The dashboard's numbers, each counted by the database; each has a list behind it (see the router). */
export async function readDashboard(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; now?: Date }) {
  const now = o.now ?? new Date();
  const fiscalYear = o.fiscalYear ?? (await defaultFiscalYear(prisma, o.now));
  const { unitId } = o.scope;
  const [waiting, pendingLoans, fy, holds, statusCounts] = await Promise.all([
    waitingByStep(prisma, { kind: 'budget', steps: BUDGET_CHAIN, fiscalYear, unitId }),
    pendingLoanSummary(prisma, { fiscalYear, scope: o.scope, now }),
    fiscalYear === undefined ? null : prisma.fiscalYear.findUnique({ where: { year: fiscalYear } }),
    yearTotals(prisma, 'reservations', { fiscalYear, unitId }),
    yearTotals(prisma, 'requests', { fiscalYear, unitId }),
  ]);
  const byStep = BUDGET_CHAIN.map((step) => {
    const w = waiting.get(step);
    return {
      step, label: { zh: BUDGET_STEPS[step].zh, en: BUDGET_STEPS[step].en }, count: w?.count ?? 0,
      threeGuarantees: w?.threeGuarantees ?? 0,
      oldestAgeHours: w?.oldestSince ? ageHours(w.oldestSince, now) : null, oldestNumber: w?.oldestNumber ?? null,
    };
  });
  const oldest = oldestWaiting(waiting);
  const figures = fy ? presentFiscalYear(fy) : null;
  // A clerk sees their unit's reserved and committed sums, not the county's, and not the county's resources.
  const unitHeld = (status: string) => holds.get(status)?.amount ?? '0.00';
  const held = o.scope.unitId ? { reserved: unitHeld('reserved'), committed: unitHeld('committed') } : figures && { reserved: figures.reserved, committed: figures.committed };
  return {
    fiscalYear: fiscalYear ?? null,
    scope: unitId ? 'unit' : 'all',
    pending: { total: byStep.reduce((n, s) => n + s.count, 0), oldestAgeHours: oldest ? ageHours(oldest, now) : null, byStep },
    pendingLoans,
    resources: figures && {
      rule: { ruleId: 'R-B3', zh: RULES['R-B3'].zh },
      availableResources: o.scope.unitId ? null : figures.availableResources, reserved: held!.reserved, committed: held!.committed,
      used: addYuan(held!.reserved, held!.committed), remaining: o.scope.unitId ? null : figures.remaining,
      reservedCount: holds.get('reserved')?.count ?? 0,
      committedCount: holds.get('committed')?.count ?? 0,
    },
    requests: Object.fromEntries(['in_review', 'returned', 'executed', 'rejected', 'withdrawn'].map((s) => [s, statusCounts.get(s)?.count ?? 0])),
  };
}

/** Money held against the year's available resources (R-B3), per request, longest held first. */
export async function holdingRows(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; status: 'reserved' | 'committed'; page?: Page }) {
  const where = { fiscalYear: o.fiscalYear, status: o.status, ...(o.scope.unitId === undefined ? {} : { request: { unitId: o.scope.unitId } }) };
  const page = o.page ?? ALL;
  const [total, rows] = await Promise.all([
    keptCount(prisma, 'reservations', { fiscalYear: o.fiscalYear, unitId: o.scope.unitId, status: o.status }),
    prisma.reservation.findMany({ where, include: { request: { include: { unit: UNIT_BRIEF } } }, orderBy: [{ updatedAt: 'asc' }, { requestId: 'asc' }], take: page.limit, skip: page.offset }),
  ]);
  return { total, items: rows.map((h) => ({ ...presentBudgetRequest(h.request), heldAmount: normalizeYuan(h.amount), holding: h.status, heldSince: h.updatedAt })) };
}

/** Requests of the year by status, 三保 first (R-B5), then in filing order. */
export async function requestRows(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; status?: string; page?: Page }) {
  const where = { fiscalYear: o.fiscalYear, unitId: o.scope.unitId, status: o.status };
  const page = o.page ?? ALL;
  const [total, rows] = await Promise.all([
    keptCount(prisma, 'requests', where),
    prisma.budgetRequest.findMany({ where, include: { unit: UNIT_BRIEF }, orderBy: [{ threeGuarantees: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }], take: page.limit ?? 5000, skip: page.offset }),
  ]);
  return { total, items: rows.map(presentBudgetRequest) };
}

/** How many requests (or reservations) the kept totals count for the filter. */
const keptCount = async (prisma: PrismaClient, of: 'requests' | 'reservations', f: YearTotalsFilter) => sumTotals(await yearTotals(prisma, of, f)).count;
