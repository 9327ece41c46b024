import type { PrismaClient } from '../../prisma/client';
import { addYuan, AGEING_BUCKETS, ageingBucket, AgeingBucket, advancesPosition, chinaDate, daysOverdue, normalizeYuan } from '../../domain';
import { notFound } from '../errors';
import { overdueWhere } from './list-loans';

/**
 * R-M2 / R-L8: a fiscal year's advances against the 5% cap, with overdue ageing (0–30, 31–90,
 * 90+ days) of the year's disbursed loans whose due date has come.
 */
export async function readAdvancesPosition(prisma: PrismaClient, fiscalYear: number, now = Date.now()) {
  const fy = await prisma.fiscalYear.findUnique({ where: { year: fiscalYear } });
  if (!fy) throw notFound(`${fiscalYear} 年度财政数据 / fiscal year ${fiscalYear}`);
  const held = await prisma.advancesPosition.findUnique({ where: { fiscalYear } });
  const today = chinaDate(now);
  const overdue = await prisma.loan.findMany({
    where: { fiscalYear, ...overdueWhere(today) },
    select: { id: true, number: true, outstanding: true, dueDate: true, unitId: true },
    orderBy: { dueDate: 'asc' },
  });
  const buckets = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, { count: 0, outstanding: '0.00' }])) as Record<AgeingBucket, { count: number; outstanding: string }>;
  for (const l of overdue) {
    const b = buckets[ageingBucket(daysOverdue(l.dueDate!.toISOString().slice(0, 10), today))];
    b.count += 1;
    b.outstanding = addYuan(b.outstanding, normalizeYuan(l.outstanding));
  }
  const position = advancesPosition(
    { generalBudgetExpenditure: normalizeYuan(fy.generalBudgetExpenditure), fundBudgetExpenditure: normalizeYuan(fy.fundBudgetExpenditure) },
    normalizeYuan(held?.outstanding ?? '0'), normalizeYuan(held?.reserved ?? '0'),
  );
  return {
    fiscalYear, asOf: today, ...position, capPercent: '5.00',
    overdue: { count: overdue.length, outstanding: addYuan('0.00', ...overdue.map((l) => normalizeYuan(l.outstanding))), ageing: buckets },
  };
}
