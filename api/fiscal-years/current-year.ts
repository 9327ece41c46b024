import type { PrismaClient } from '../../prisma/client';
import { fiscalYearAt, missingFiguresViolation } from '../../domain';
import { ruleRefusal } from '../errors';

// Years whose figures exist, per database client: a year's row is never deleted once entered, so
// after it is seen once no filing needs to ask again (one statement less on every filing).
const knownYears = new WeakMap<object, Set<number>>();

/**
 * The fiscal year new work belongs to: the China year of `now`. Refuses with 422 when the director
 * has not entered that year's figures yet, naming what to enter (R-B3 for budgets, R-L8 for loans).
 */
export async function currentFiscalYear(prisma: Pick<PrismaClient, 'fiscalYear'>, ruleId: 'R-B3' | 'R-L8', now = Date.now()): Promise<number> {
  const year = fiscalYearAt(now);
  const known = knownYears.get(prisma) ?? new Set<number>();
  if (known.has(year)) return year;
  const fy = await prisma.fiscalYear.findUnique({ where: { year }, select: { year: true } });
  if (!fy) throw ruleRefusal([missingFiguresViolation(year, ruleId)]);
  knownYears.set(prisma, known.add(year));
  return year;
}
