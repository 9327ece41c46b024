import type { PrismaClient } from '../../prisma/client';
import { presentBudgetRequest } from '../budget-requests/presenter';
import { presentLoan } from '../loans/presenter';
import type { ListFiledQuery } from './schema';

/** One entry of 我发起的: a request or a loan the user filed, with where it stands. */
export interface FiledItem {
  kind: 'request' | 'loan'; id: string; number: string; purpose: string; amount: string; status: string;
  stepLabel: { zh: string; en: string }; unit?: { code: string; name: string }; createdAt: Date;
}

const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/**
 * What `userId` filed, requests and loans in one list, newest first, one page of it. Each table gives
 * its newest `offset + limit`; merged, the page is exact (the same as paging a UNION of both).
 */
export async function listFiled(prisma: PrismaClient, userId: string, { limit, offset }: ListFiledQuery) {
  const where = { createdById: userId };
  const take = offset + limit;
  const [requestCount, loanCount, requests, loans] = await Promise.all([
    prisma.budgetRequest.count({ where }),
    prisma.loan.count({ where }),
    prisma.budgetRequest.findMany({ where, include: { unit: true }, orderBy: NEWEST_FIRST, take }),
    prisma.loan.findMany({ where, include: { unit: true }, orderBy: NEWEST_FIRST, take }),
  ]);
  const items: FiledItem[] = [
    ...requests.map(presentBudgetRequest).map((r) => ({
      kind: 'request' as const, id: r.id, number: r.number, purpose: r.purpose, amount: r.amount, status: r.status, stepLabel: r.stepLabel, unit: r.unit, createdAt: r.createdAt,
    })),
    ...loans.map((l) => presentLoan(l)).map((l) => ({
      kind: 'loan' as const, id: l.id, number: l.number, purpose: l.purposeDetails, amount: l.amount, status: l.status, stepLabel: l.stepLabel, unit: l.unit, createdAt: l.createdAt,
    })),
  ];
  items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
  return { total: requestCount + loanCount, limit, offset, items: items.slice(offset, offset + limit) };
}
