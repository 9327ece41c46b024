import type { PrismaClient } from '../../prisma/client';
import {
  addYuan, AGEING_BUCKETS, AgeingBucket, ageingDueDates, advancesPosition, chinaDate, fiscalYearAt, IsoDate,
  missingFiguresViolation, normalizeYuan,
} from '../../domain';
import { COUNTY } from '../../activities/loan-cap';
import { AppError } from '../errors';
import { Prisma } from '../../prisma/client';

type Bucket = { count: number; outstanding: string };

/**
 * The open ledger rows overdue on `today`, counted and summed by the database per ageing bucket and
 * origin (opening stock or not): a few rows whatever the size of the ledger. The buckets' date
 * bounds come from the domain's table (ageingDueDates), so the lists behind them select the same rows.
 * Served by the partial index on outstanding rows by due date (`Advance_outstanding_due_idx`).
 */
export function overdueAgeingSql(today: IsoDate): Prisma.Sql {
  const due = Prisma.sql`coalesce(a."dueDate", a."arisenOn")`;
  const day = (d: IsoDate) => Prisma.sql`${d}::date`;
  // Buckets run from the fewest days overdue: the first whose earliest due date the row is not before.
  const whens = AGEING_BUCKETS.map((b) => {
    const { from } = ageingDueDates(b, today);
    return from ? Prisma.sql`WHEN ${due} >= ${day(from)} THEN ${b}` : Prisma.sql`ELSE ${b}`;
  });
  return Prisma.sql`
    SELECT CASE ${Prisma.join(whens, ' ')} END AS bucket, a.origin = 'opening_stock' AS stock,
           count(*)::int AS count, sum(a.outstanding)::text AS outstanding
    FROM "Advance" a
    WHERE a.outstanding > 0 AND a.status = 'open' AND ${due} <= ${day(today)}
    GROUP BY 1, 2`;
}

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
  const [held, ageing, byOrigin] = await Promise.all([
    prisma.advancesPosition.findUnique({ where: { id: COUNTY } }),
    prisma.$queryRaw<{ bucket: AgeingBucket; stock: boolean; count: number; outstanding: string }[]>(overdueAgeingSql(today)),
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
  for (const g of ageing) {
    const amount = normalizeYuan(g.outstanding);
    for (const b of g.stock ? [buckets, stockBuckets] : [buckets]) {
      b[g.bucket].count += g.count;
      b[g.bucket].outstanding = addYuan(b[g.bucket].outstanding, amount);
    }
    overdueCount += g.count;
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
