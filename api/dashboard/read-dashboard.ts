import type { PrismaClient } from '../../prisma/client';
import { fiscalYearAt, addYuan, BUDGET_CHAIN, BUDGET_STEPS, normalizeYuan, RULES } from '../../domain';
import { presentFiscalYear } from '../fiscal-years/presenter';
import { presentBudgetRequest } from '../budget-requests/presenter';
import { pendingLoanApprovals, summarisePendingLoans } from './pending-loans';
import { waitingRows } from './waiting';

/** Whose requests a reader sees: every unit, or a clerk's own. */
export interface Scope { unitId?: string }

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
export async function pendingApprovals(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; step?: string; now?: Date }) {
  const now = o.now ?? new Date();
  const tasks = await prisma.task.findMany({
    where: { status: 'open', subjectType: 'budget', step: o.step ? o.step : { in: [...BUDGET_CHAIN] } },
    include: { assignee: { select: { displayName: true } } },
    orderBy: { openedAt: 'asc' },
  });
  const requests = await prisma.budgetRequest.findMany({
    where: { id: { in: [...new Set(tasks.map((t) => t.subjectId))] }, fiscalYear: o.fiscalYear, unitId: o.scope.unitId },
    include: { unit: true },
  });
  const byId = new Map(requests.map((r) => [r.id, r]));
  // A task of an earlier round or step, still open, is not what the request waits for.
  const current = (t: (typeof tasks)[number]) => {
    const r = byId.get(t.subjectId);
    return r && r.step === t.step && r.round === t.round ? r : undefined;
  };
  return waitingRows(tasks, current, presentBudgetRequest, now);
}

/** The dashboard's numbers; each has a list behind it (see `listRows`). */
export async function readDashboard(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; now?: Date }) {
  const fiscalYear = o.fiscalYear ?? (await defaultFiscalYear(prisma, o.now));
  const [pending, pendingLoans] = await Promise.all([pendingApprovals(prisma, { ...o, fiscalYear }), pendingLoanApprovals(prisma, { ...o, fiscalYear })]);
  const byStep = BUDGET_CHAIN.map((step) => {
    const rows = pending.filter((p) => p.step === step);
    return {
      step, label: { zh: BUDGET_STEPS[step].zh, en: BUDGET_STEPS[step].en }, count: rows.length,
      threeGuarantees: rows.filter((r) => r.flags.some((f) => f.ruleId === 'R-B5')).length,
      oldestAgeHours: rows.length ? rows[0].ageHours : null, oldestNumber: rows[0]?.number ?? null,
    };
  });
  const fy = fiscalYear === undefined ? null : await prisma.fiscalYear.findUnique({ where: { year: fiscalYear } });
  const holds = await prisma.reservation.groupBy({
    by: ['status'], where: { fiscalYear, status: { in: ['reserved', 'committed'] }, request: { unitId: o.scope.unitId } }, _count: true, _sum: { amount: true },
  });
  const statusCounts = await prisma.budgetRequest.groupBy({ by: ['status'], where: { fiscalYear, unitId: o.scope.unitId }, _count: true });
  const figures = fy ? presentFiscalYear(fy) : null;
  // A clerk sees their unit's reserved and committed sums, not the county's, and not the county's resources.
  const unitHeld = (status: string) => normalizeYuan(holds.find((h) => h.status === status)?._sum.amount ?? '0');
  const held = o.scope.unitId ? { reserved: unitHeld('reserved'), committed: unitHeld('committed') } : figures && { reserved: figures.reserved, committed: figures.committed };
  return {
    fiscalYear: fiscalYear ?? null,
    scope: o.scope.unitId ? 'unit' : 'all',
    pending: { total: pending.length, oldestAgeHours: pending[0]?.ageHours ?? null, byStep },
    pendingLoans: summarisePendingLoans(pendingLoans),
    resources: figures && {
      rule: { ruleId: 'R-B3', zh: RULES['R-B3'].zh },
      availableResources: o.scope.unitId ? null : figures.availableResources, reserved: held!.reserved, committed: held!.committed,
      used: addYuan(held!.reserved, held!.committed), remaining: o.scope.unitId ? null : figures.remaining,
      reservedCount: holds.find((h) => h.status === 'reserved')?._count ?? 0,
      committedCount: holds.find((h) => h.status === 'committed')?._count ?? 0,
    },
    requests: Object.fromEntries(['in_review', 'returned', 'executed', 'rejected', 'withdrawn'].map((s) => [s, statusCounts.find((c) => c.status === s)?._count ?? 0])),
  };
}

/** Money held against the year's available resources (R-B3), per request. */
export async function holdingRows(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; status: 'reserved' | 'committed' }) {
  const rows = await prisma.reservation.findMany({
    where: { fiscalYear: o.fiscalYear, status: o.status, request: { unitId: o.scope.unitId } },
    include: { request: { include: { unit: true } } }, orderBy: { updatedAt: 'asc' },
  });
  return rows.map((h) => ({ ...presentBudgetRequest(h.request), heldAmount: normalizeYuan(h.amount), holding: h.status, heldSince: h.updatedAt }));
}

export async function requestRows(prisma: PrismaClient, o: { fiscalYear?: number; scope: Scope; status?: string }) {
  const rows = await prisma.budgetRequest.findMany({
    where: { fiscalYear: o.fiscalYear, unitId: o.scope.unitId, status: o.status },
    include: { unit: true }, orderBy: [{ threeGuarantees: 'desc' }, { createdAt: 'asc' }], take: 5000,
  });
  return rows.map(presentBudgetRequest);
}
