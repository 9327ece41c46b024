import type { Prisma, PrismaClient } from '../../prisma/client';
import { toDateColumn, AgeingBucket, ageingDueDates, IsoDate, normalizeYuan } from '../../domain';
import type { AuthedUser } from '../context';
import { seesAllUnits } from '../budget-requests/visibility';
import type { ListLoansQuery } from './schema';

const atMidnight = toDateColumn;

/**
 * Disbursed loans overdue on `today` (China date): due on or before it (R-L10), or only those of
 * one ageing bucket (R-M2). The advances position and the lists behind it both use this.
 */
export function overdueWhere(today: IsoDate, bucket?: AgeingBucket): Prisma.LoanWhereInput {
  const { from, to } = bucket ? ageingDueDates(bucket, today) : { from: undefined, to: today };
  return { status: 'disbursed', dueDate: { lte: atMidnight(to), ...(from ? { gte: atMidnight(from) } : {}) } };
}

/** The loans GET /loans lists and exports for `actor`; a clerk sees only their own unit's. */
export function loanListWhere(actor: AuthedUser, q: ListLoansQuery, today: IsoDate): Prisma.LoanWhereInput {
  const unitId = seesAllUnits(actor) ? q.unitId : actor.unitId ?? '-';
  const overdue = q.overdueBucket ? overdueWhere(today, q.overdueBucket)
    : q.overdue === true ? overdueWhere(today)
      : q.overdue === false ? { NOT: overdueWhere(today) } : {};
  // R-L2: loans the bureau found re-lent to an enterprise (or, with false, those it has not)
  const finding = q.finding === true ? { findings: { some: {} } } : q.finding === false ? { findings: { none: {} } } : {};
  return { AND: [{ fiscalYear: q.fiscalYear, unitId, ...(q.status ? { status: q.status } : {}), ...(q.step ? { step: q.step } : {}) }, overdue, finding, searchWhere(q), filedWhere(q)] };
}

/** A number or words of the purpose, as typed in the list's search box. */
function searchWhere(q: { q?: string }): Prisma.LoanWhereInput {
  const text = q.q?.trim();
  return text ? { OR: [{ number: { contains: text, mode: 'insensitive' } }, { purposeDetails: { contains: text, mode: 'insensitive' } }] } : {};
}

/** Filed on or after `from` and on or before `to`, China dates (UTC+8). */
export function filedWhere(q: { from?: string; to?: string }): { createdAt?: { gte?: Date; lt?: Date } } {
  if (!q.from && !q.to) return {};
  const start = (d: string) => new Date(`${d}T00:00:00+08:00`);
  const dayAfter = (d: string) => new Date(start(d).getTime() + 86_400_000);
  return { createdAt: { ...(q.from ? { gte: start(q.from) } : {}), ...(q.to ? { lt: dayAfter(q.to) } : {}) } };
}

/** Soonest due first (loans without a due date last), then newest. */
export const LOAN_LIST_ORDER: Prisma.LoanOrderByWithRelationInput[] = [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }];

/**
 * How many loans match, and their amount and outstanding balance in total (exact, summed by the
 * database). `amount` sums the loans that were not rejected (money asked for and granted or still in
 * review); rejected loans are counted apart in `rejected`, so the total says what it sums.
 */
export async function loanListTotals(prisma: PrismaClient, where: Prisma.LoanWhereInput) {
  const [r, rejected] = await Promise.all([
    prisma.loan.aggregate({ where: { AND: [where, { status: { not: 'rejected' } }] }, _count: { _all: true }, _sum: { amount: true, outstanding: true } }),
    prisma.loan.aggregate({ where: { AND: [where, { status: 'rejected' }] }, _count: { _all: true }, _sum: { amount: true } }),
  ]);
  return {
    total: r._count._all + rejected._count._all, amount: normalizeYuan(r._sum.amount ?? '0'), outstanding: normalizeYuan(r._sum.outstanding ?? '0'),
    rejected: { count: rejected._count._all, amount: normalizeYuan(rejected._sum.amount ?? '0') },
  };
}
