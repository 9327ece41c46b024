import { Gauge, type Registry } from 'prom-client';
import type { PrismaClient } from '../prisma/client';
import { BUDGET_STEPS, LOAN_STEPS } from '../domain';
import { log } from '../observability/request-context';
import { defaultFiscalYear } from './dashboard/read-dashboard';
import { readAdvancesPosition } from './loans/advances-position';

const KNOWN_STEPS = { budget: Object.keys(BUDGET_STEPS), loan: Object.keys(LOAN_STEPS) };

/** One read per scrape for the gauges that share it: prom-client collects them concurrently, so they share the read in flight. */
function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => (inFlight ??= read().finally(() => { inFlight = undefined; }));
}

/**
 * The business's own gauges, read from PostgreSQL on each scrape with indexed queries: open tasks by
 * step (and the oldest one's age), and R-L8's advances held against the 5% cap of the fiscal year the
 * dashboard opens on. A database that does not answer leaves them out of that scrape (and is logged)
 * rather than failing the whole of /metrics.
 */
export function registerOperationsMetrics(registry: Registry, prisma: PrismaClient): void {
  const openTasks = oncePerScrape(() => prisma.task.groupBy({ by: ['subjectType', 'step'], where: { status: 'open' }, _count: true, _min: { openedAt: true } }));
  const advances = oncePerScrape(async () => {
    const year = await defaultFiscalYear(prisma);
    return year === undefined ? undefined : readAdvancesPosition(prisma, year);
  });
  const guarded = <T>(what: string, read: () => Promise<T>) => async (): Promise<T | undefined> => {
    try { return await read(); } catch (err) { log().warn({ err }, `metrics: could not read ${what}`); return undefined; }
  };

  new Gauge({
    name: 'approvals_pending_tasks', help: 'Open approval tasks (one per assignee) by subject (budget, loan) and chain step',
    labelNames: ['subject', 'step'] as const, registers: [registry],
    async collect() {
      const rows = await guarded('open tasks', openTasks)();
      this.reset();
      if (!rows) return;
      for (const [subject, steps] of Object.entries(KNOWN_STEPS)) for (const step of steps) this.set({ subject, step }, 0);
      for (const r of rows) this.set({ subject: r.subjectType, step: r.step }, r._count);
    },
  });
  new Gauge({
    name: 'approvals_pending_task_oldest_age_seconds', help: 'Age of the oldest open task by subject and step',
    labelNames: ['subject', 'step'] as const, registers: [registry],
    async collect() {
      const rows = await guarded('open tasks', openTasks)();
      this.reset();
      for (const r of rows ?? []) if (r._min.openedAt) this.set({ subject: r.subjectType, step: r.step }, (Date.now() - r._min.openedAt.getTime()) / 1000);
    },
  });
  const yuanGauge = (name: string, help: string, pick: (p: NonNullable<Awaited<ReturnType<typeof advances>>>) => number) => new Gauge({
    name, help, labelNames: ['fiscal_year'] as const, registers: [registry],
    async collect() {
      const p = await guarded('the advances position', advances)();
      this.reset();
      if (p) this.set({ fiscal_year: String(p.fiscalYear) }, pick(p));
    },
  });
  yuanGauge('approvals_advances_ratio', 'R-L8: advances held (outstanding + approved, not disbursed) / the 5% cap; above 1 the cap is exceeded',
    (p) => (Number(p.cap) > 0 ? Number(p.held) / Number(p.cap) : 0));
  yuanGauge('approvals_advances_held_yuan', 'R-L8: advances held (outstanding + approved, not disbursed), yuan', (p) => Number(p.held));
  yuanGauge('approvals_advances_cap_yuan', 'R-L8: the 5% cap on advances, yuan', (p) => Number(p.cap));
}
