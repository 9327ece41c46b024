import { Prisma, type PrismaClient } from '../prisma/client';
import { BUDGET_CHAIN, chinaDate } from '../domain';
import { waitingByStepSql, waitingPageSql } from '../api/dashboard/waiting';
import { LOAN_PENDING_STEPS } from '../api/dashboard/pending-loans';
import { overdueAgeingSql } from '../api/loans/advances-position';
import { yearTotalsSql } from '../api/budget-requests/year-totals';
import type { ApiClient } from './api-client';
import { summarise, Summary } from './stats';

/** A read the bureau makes every day, and the statements that do its work (EXPLAINed when it is among the slowest). */
export interface Read { key: string; label: string; path: string; user: string; target: boolean; statements: Prisma.Sql[] }

export function reads(loans: number): Read[] {
  const today = chinaDate(Date.now());
  const budget = { kind: 'budget' as const, steps: BUDGET_CHAIN, fiscalYear: 2026 };
  return [
    { key: 'dashboard', label: 'GET /api/dashboard', path: '/dashboard?fiscalYear=2026', user: 'director', target: true, statements: [
      waitingByStepSql(budget), waitingByStepSql({ kind: 'loan', steps: LOAN_PENDING_STEPS, fiscalYear: 2026 }),
      yearTotalsSql('requests', { fiscalYear: 2026 }), yearTotalsSql('reservations', { fiscalYear: 2026 }),
    ] },
    { key: 'dashboardUnit', label: 'GET /api/dashboard (a clerk: own unit)', path: '/dashboard?fiscalYear=2026', user: 'clerk_edu', target: true, statements: [
      waitingByStepSql({ ...budget, unitId: 'unit-jyj' }), yearTotalsSql('reservations', { fiscalYear: 2026, unitId: 'unit-jyj' }),
    ] },
    { key: 'listPending', label: 'GET /api/dashboard/lists/pending', path: '/dashboard/lists/pending?fiscalYear=2026', user: 'director', target: true, statements: [
      waitingPageSql(budget, { limit: 100, offset: 0 }),
    ] },
    { key: 'listPendingStep', label: '… lists/pending?step=leader_briefing', path: '/dashboard/lists/pending?fiscalYear=2026&step=leader_briefing', user: 'director', target: true, statements: [
      waitingPageSql({ ...budget, steps: ['leader_briefing'] }, { limit: 100, offset: 0 }),
    ] },
    { key: 'listPendingLoans', label: '… lists/pending-loans', path: '/dashboard/lists/pending-loans?fiscalYear=2026', user: 'director', target: true, statements: [
      waitingPageSql({ kind: 'loan', steps: LOAN_PENDING_STEPS, fiscalYear: 2026 }, { limit: 100, offset: 0 }),
    ] },
    { key: 'listReserved', label: '… lists/reserved', path: '/dashboard/lists/reserved?fiscalYear=2026', user: 'director', target: true, statements: [
      Prisma.sql`SELECT * FROM "Reservation" WHERE "fiscalYear" = 2026 AND status = 'reserved' ORDER BY "updatedAt", "requestId" LIMIT 100`,
    ] },
    { key: 'listCommitted', label: '… lists/committed', path: '/dashboard/lists/committed?fiscalYear=2026', user: 'director', target: true, statements: [
      yearTotalsSql('reservations', { fiscalYear: 2026, status: 'committed' }),
      Prisma.sql`SELECT * FROM "Reservation" WHERE "fiscalYear" = 2026 AND status = 'committed' ORDER BY "updatedAt", "requestId" LIMIT 100`,
    ] },
    { key: 'listRequests', label: '… lists/requests', path: '/dashboard/lists/requests?fiscalYear=2026', user: 'director', target: true, statements: [
      yearTotalsSql('requests', { fiscalYear: 2026 }),
      Prisma.sql`SELECT * FROM "BudgetRequest" WHERE "fiscalYear" = 2026 ORDER BY "threeGuarantees" DESC, "createdAt", id LIMIT 100`,
    ] },
    { key: 'requests', label: 'GET /api/budget-requests', path: '/budget-requests?fiscalYear=2026', user: 'director', target: true, statements: [
      yearTotalsSql('requests', { fiscalYear: 2026 }),
      Prisma.sql`SELECT * FROM "BudgetRequest" WHERE "fiscalYear" = 2026 ORDER BY "threeGuarantees" DESC, "createdAt" DESC LIMIT 100`,
    ] },
    { key: 'loans', label: 'GET /api/loans', path: '/loans?fiscalYear=2026', user: 'director', target: true, statements: [
      Prisma.sql`SELECT count(*), sum(amount), sum(outstanding) FROM "Loan" WHERE "fiscalYear" = 2026`,
      Prisma.sql`SELECT * FROM "Loan" WHERE "fiscalYear" = 2026 ORDER BY "dueDate" ASC NULLS LAST, "createdAt" DESC LIMIT 100`,
    ] },
    { key: 'advances', label: 'GET /api/advances/2026 (position, ageing)', path: '/advances/2026', user: 'director', target: true, statements: [
      overdueAgeingSql(today),
      Prisma.sql`SELECT origin, "fiscalYear", count(*), sum(outstanding) FROM "Advance" WHERE outstanding > 0 GROUP BY origin, "fiscalYear" ORDER BY origin DESC, "fiscalYear"`,
    ] },
    { key: 'loansBucket', label: 'GET /api/loans?overdueBucket=31-90', path: '/loans?fiscalYear=2026&overdueBucket=31-90', user: 'director', target: true, statements: [] },
    { key: 'loansXlsx', label: `GET /api/loans xlsx (all ${loans} loans)`, path: '/loans?fiscalYear=2026&format=xlsx', user: 'director', target: false, statements: [] },
  ];
}

/**
 * Times each read (`samples` times after two warm-ups, one at a time), and the API process's CPU time
 * per read (`cpuMs` reads the process's counter): unlike wall time it hardly grows when other work
 * shares the cores, so it shows what a read costs the API on a busy machine.
 */
export async function timeReads(api: ApiClient, list: Read[], samples: number, cpuMs: () => Promise<number>): Promise<Map<string, Summary & { apiCpuMs: number }>> {
  const out = new Map<string, Summary & { apiCpuMs: number }>();
  for (const r of list) {
    const n = r.target ? samples : Math.max(3, Math.round(samples / 10));
    for (let i = 0; i < 2; i++) await api.get(r.user, r.path);
    const ms: number[] = [];
    const cpu0 = await cpuMs();
    for (let i = 0; i < n; i++) ms.push(await api.get(r.user, r.path));
    out.set(r.key, { ...summarise(ms), apiCpuMs: (await cpuMs() - cpu0) / n });
  }
  return out;
}

/** EXPLAIN ANALYZE of a read's statements, as PostgreSQL planned and ran them. */
export async function explain(prisma: PrismaClient, r: Read): Promise<string[]> {
  const plans: string[] = [];
  for (const s of r.statements) {
    const rows = await prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${s}`);
    plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
  return plans;
}
