import type { Client } from '@temporalio/client';
import { addDays, chinaDate, DEFAULT_LOAN_LADDER } from '../domain';
import type { LoanWorkflowInput } from '../workflows/loan';
import { BenchChild } from './children';
import { pool } from './stats';

const MB = 1024 * 1024;

export interface MemoryFigures {
  open: number; maxCachedWorkflows: number; cached: number;
  rssIdleMb: number; rssOpenMb: number; rssPerThousandOpenMb: number; rssPerThousandCachedMb: number;
  heapPerCachedKb: number; heapSample: number;
}

/** A disbursed loan with 300 days to run: its workflow sleeps until the ladder's first notice. */
function sleepingLoan(i: number, now: number): LoanWorkflowInput {
  const base = { loanId: `bench-mem-loan-${i}`, unitId: 'unit-jyj', fiscalYear: 2026, amount: '1000.00', terms: { termMonths: 10 }, ladder: DEFAULT_LOAN_LADDER };
  return {
    ...base,
    state: {
      ...base, outstanding: '1000.00', position: 'repayment', disbursedAt: now, dueDate: addDays(chinaDate(now), 300),
      responsibleOfficerId: 'user-treasury', nextNotice: 0, payments: {}, control: { suspended: false, version: 0 },
    },
  };
}

/**
 * Worker memory with `open` sleeping workflows (the product's disbursed loans, or bare sleepers):
 * the worker's RSS idle and with all of them started; then, in a second worker that runs workflows on
 * its main thread, the heap each cached workflow holds (`heapSample` more of them, all cached).
 */
export async function measureMemory(side: 'product' | 'bare', client: Client, env: Record<string, string>, o: { open: number; heapSample: number }): Promise<MemoryFigures> {
  const taskQueue = `bench-mem-${side}`;
  const mode = side === 'product' ? 'product-worker' : 'bare-worker';
  const worker = await BenchChild.start(mode, { ...env, BENCH_QUEUE: taskQueue });
  const start = (queue: string, i: number, now: number) => (side === 'product'
    ? client.workflow.start('loanWorkflow', { taskQueue: queue, workflowId: `${queue}-${i}`, args: [sleepingLoan(i, now)] })
    : client.workflow.start('bareSleeper', { taskQueue: queue, workflowId: `${queue}-${i}` }));
  let rssIdle: number;
  let settled;
  try {
    rssIdle = (await worker.settle(1000)).rss;
    const now = Date.now();
    await pool(Array.from({ length: o.open }, (_, i) => i), 48, async (i) => { await start(taskQueue, i, now); });
    settled = await worker.settle();
  } finally {
    await worker.stop();
  }
  // Heap per cached workflow: a worker that keeps workflows on its main thread (so its heap shows them),
  // on a queue of its own, with `heapSample` more of the same workflows.
  const heapQueue = `bench-heap-${side}`;
  const heapWorker = await BenchChild.start(mode, { ...env, BENCH_QUEUE: heapQueue, BENCH_DEBUG_MODE: 'true', BENCH_CACHE: String(o.heapSample + 10) });
  let heapPerCached: number;
  try {
    const before = await heapWorker.settle(1000);
    const now = Date.now();
    await pool(Array.from({ length: o.heapSample }, (_, i) => i), 16, async (i) => { await start(heapQueue, i, now); });
    const after = await heapWorker.settle();
    heapPerCached = (after.heapUsed - before.heapUsed) / Math.max(1, after.cached);
  } finally {
    await heapWorker.stop();
  }
  return {
    open: o.open, maxCachedWorkflows: worker.maxCachedWorkflows, cached: settled.cached,
    rssIdleMb: rssIdle / MB, rssOpenMb: settled.rss / MB,
    rssPerThousandOpenMb: ((settled.rss - rssIdle) / o.open) * 1000 / MB,
    rssPerThousandCachedMb: settled.cached ? ((settled.rss - rssIdle) / settled.cached) * 1000 / MB : NaN,
    heapPerCachedKb: heapPerCached / 1024, heapSample: o.heapSample,
  };
}
