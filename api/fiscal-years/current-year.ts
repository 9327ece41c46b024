import type { PrismaClient } from '../../prisma/client';
import { fiscalYearAt, missingFiguresViolation } from '../../domain';
import { ruleRefusal } from '../errors';

/**
 * The fiscal year new work belongs to: the China year of `now`. Refuses with 422 when the director
 * has not entered that year's figures yet, naming what to enter (R-B3 for budgets, R-L8 for loans).
 */
export async function currentFiscalYear(prisma: Pick<PrismaClient, 'fiscalYear'>, ruleId: 'R-B3' | 'R-L8', now = Date.now()): Promise<number> {
  const year = fiscalYearAt(now);
  const fy = await prisma.fiscalYear.findUnique({ where: { year }, select: { year: true } });
  if (!fy) throw ruleRefusal([missingFiguresViolation(year, ruleId)]);
  return year;
}
