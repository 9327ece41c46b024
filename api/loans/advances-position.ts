import type { PrismaClient } from '../../prisma/client';
import {
  addYuan, AGEING_BUCKETS, ageingBucket, AgeingBucket, advancesPosition, chinaDate, dateColumn, daysOverdue, fiscalYearAt,
  missingFiguresViolation, normalizeYuan,
} from '../../domain';
import { COUNTY } from '../../activities/loan-cap';
import { AppError } from '../errors';

type Bucket = { count: number; outstanding: string };

/**
 * R-L8 / R-M2 for the whole county: the ledger's outstanding balance (every year's loans and the
 * opening stock) plus approved-not-disbursed, against the cap of `fiscalYear` (default: the current
 * China year); the balance by origin; and overdue ageing (0–30, 31–90, 90+ days) of every ledger row.
 * An opening-stock row without a due date counts as due the day it arose: it predates the system and
 * is already owed.
 */
export async function readAdvancesPosition(prisma: PrismaClient, fiscalYear?: number, now = Date.now()) {
  const year = fiscalYear ?? fiscalYearAt(now);
  const fy = await prisma.fiscalYear.findUnique({ where: { year } });
  if (!fy) {
    const v = missingFiguresViolation(year, 'R-L8');
    throw new AppError(404, 'fiscal_year_missing', `${v.ruleId}「${v.zh}」: ${v.detail}`, { violations: [v] });
  }
  const today = chinaDate(now);
  const [held, open, byOrigin] = await Promise.all([
    prisma.advancesPosition.findUnique({ where: { id: COUNTY } }),
    prisma.advance.findMany({
      where: { status: 'open', outstanding: { gt: 0 } },
      select: { origin: true, outstanding: true, dueDate: true, arisenOn: true },
    }),
    prisma.advance.groupBy({
      by: ['origin', 'fiscalYear'], where: { outstanding: { gt: 0 } },
      _count: { _all: true }, _sum: { outstanding: true }, orderBy: [{ origin: 'desc' }, { fiscalYear: 'asc' }],
    }),
  ]);
  const emptyBuckets = () => Object.fromEntries(AGEING_BUCKETS.map((b) => [b, { count: 0, outstanding: '0.00' }])) as Record<AgeingBucket, Bucket>;
  const buckets = emptyBuckets();
  const stockBuckets = emptyBuckets();
  let overdueCount = 0;
  let overdueOutstanding = '0.00';
  for (const a of open) {
    const due = dateColumn(a.dueDate ?? a.arisenOn);
    const days = daysOverdue(due, today);
    if (days < 0) continue;
    const amount = normalizeYuan(a.outstanding);
    for (const b of a.origin === 'opening_stock' ? [buckets, stockBuckets] : [buckets]) {
      const bucket = b[ageingBucket(days)];
      bucket.count += 1;
      bucket.outstanding = addYuan(bucket.outstanding, amount);
    }
    overdueCount += 1;
    overdueOutstanding = addYuan(overdueOutstanding, amount);
  }
  const position = advancesPosition(
    { generalBudgetExpenditure: normalizeYuan(fy.generalBudgetExpenditure), fundBudgetExpenditure: normalizeYuan(fy.fundBudgetExpenditure) },
    normalizeYuan(held?.outstanding ?? '0'), normalizeYuan(held?.reserved ?? '0'),
  );
  return {
    fiscalYear: year, current: year === fiscalYearAt(now), asOf: today, ...position, capPercent: '5.00',
    /** the outstanding balance by where it came from: opening stock (存量), then loans by the year they were disbursed in */
    byOrigin: byOrigin.map((g) => ({
      origin: g.origin as 'loan' | 'opening_stock', fiscalYear: g.origin === 'loan' ? g.fiscalYear : null,
      count: g._count._all, outstanding: normalizeYuan(g._sum.outstanding ?? '0'),
    })).reduce<{ origin: 'loan' | 'opening_stock'; fiscalYear: number | null; count: number; outstanding: string }[]>((acc, g) => {
      // Opening stock is one line whatever year each row arose in.
      const same = acc.find((x) => x.origin === g.origin && x.fiscalYear === g.fiscalYear);
      if (same) { same.count += g.count; same.outstanding = addYuan(same.outstanding, g.outstanding); } else acc.push({ ...g });
      return acc;
    }, []),
    overdue: { count: overdueCount, outstanding: overdueOutstanding, ageing: buckets },
    /** the opening stock's part of each ageing bucket (the loan list behind a bucket holds the rest) */
    stockAgeing: stockBuckets,
  };
}
