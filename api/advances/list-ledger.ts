import type { Prisma, PrismaClient } from '../../prisma/client';
import { normalizeYuan } from '../../domain';
import type { LedgerQuery } from './schema';

/**
 * The ledger for the recovery work (R-L11): irregular lending (违规出借) and rows with an open recovery
 * case after an R-L2 finding first, then the largest balances, then the oldest.
 */
export async function listLedger(prisma: PrismaClient, q: LedgerQuery) {
  const where: Prisma.AdvanceWhereInput = { origin: q.origin, kind: q.kind, status: q.status };
  const rows = await prisma.advance.findMany({ where, include: { recoveryCases: { select: { id: true, status: true, findingId: true } } } });
  const first = (a: (typeof rows)[number]) => (a.kind === 'irregular' || a.recoveryCases.some((c) => c.status === 'open') ? 0 : 1);
  rows.sort((a, b) => first(a) - first(b)
    || b.outstanding.comparedTo(a.outstanding)
    || a.arisenOn.getTime() - b.arisenOn.getTime());
  const totals = await prisma.advance.aggregate({ where, _count: { _all: true }, _sum: { amount: true, outstanding: true } });
  return {
    rows: rows.slice(q.offset, q.offset + q.limit),
    total: totals._count._all, amount: normalizeYuan(totals._sum.amount ?? '0'), outstanding: normalizeYuan(totals._sum.outstanding ?? '0'),
  };
}
