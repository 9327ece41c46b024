import { Prisma, type PrismaClient } from '../../prisma/client';
import { addYuan, normalizeYuan } from '../../domain';

/** Which kept totals to add up: a year, a unit, a status; each left out means all. */
export interface YearTotalsFilter { fiscalYear?: number; unitId?: string; status?: string }

export interface StatusTotal { count: number; amount: string }

/** The tables of totals kept per year, unit and status (migration …_year_totals). */
const TABLES = { requests: Prisma.sql`"BudgetRequestTotal"`, reservations: Prisma.sql`"ReservationTotal"` };

/** The statement behind `yearTotals` (the bench EXPLAINs it). */
export function yearTotalsSql(of: keyof typeof TABLES, f: YearTotalsFilter): Prisma.Sql {
  const where = [
    f.fiscalYear === undefined ? null : Prisma.sql`"fiscalYear" = ${f.fiscalYear}`,
    f.unitId === undefined ? null : Prisma.sql`"unitId" = ${f.unitId}`,
    f.status === undefined ? null : Prisma.sql`status = ${f.status}`,
  ].filter((c): c is Prisma.Sql => c !== null);
  return Prisma.sql`SELECT status, sum(count)::int AS count, sum(amount)::text AS amount FROM ${TABLES[of]}
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty} GROUP BY status`;
}

/**
 * Requests (or reservations, R-B3) by status: how many and their exact amount, read from the totals
 * the writing transactions keep (a few rows per unit), never by counting the year's rows.
 */
export async function yearTotals(prisma: PrismaClient, of: keyof typeof TABLES, f: YearTotalsFilter): Promise<Map<string, StatusTotal>> {
  const rows = await prisma.$queryRaw<{ status: string; count: number; amount: string }[]>(yearTotalsSql(of, f));
  return new Map(rows.map((r) => [r.status, { count: r.count, amount: normalizeYuan(r.amount) }]));
}

/** The totals of the statuses `keep` accepts, added up. */
export function sumTotals(totals: Map<string, StatusTotal>, keep: (status: string) => boolean = () => true): StatusTotal {
  let sum: StatusTotal = { count: 0, amount: '0.00' };
  for (const [status, t] of totals) if (keep(status)) sum = { count: sum.count + t.count, amount: addYuan(sum.amount, t.amount) };
  return sum;
}
