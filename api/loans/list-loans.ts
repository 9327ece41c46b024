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
  return { AND: [{ fiscalYear: q.fiscalYear, unitId, ...(q.status ? { status: q.status } : {}) }, overdue, finding] };
}

/** Soonest due first (loans without a due date last), then newest. */
export const LOAN_LIST_ORDER: Prisma.LoanOrderByWithRelationInput[] = [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }];

/** How many loans match, and their amount and outstanding balance in total (exact, summed by the database). */
export async function loanListTotals(prisma: PrismaClient, where: Prisma.LoanWhereInput) {
  const r = await prisma.loan.aggregate({ where, _count: { _all: true }, _sum: { amount: true, outstanding: true } });
  return { total: r._count._all, amount: normalizeYuan(r._sum.amount ?? '0'), outstanding: normalizeYuan(r._sum.outstanding ?? '0') };
}
