import { fork, ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ChildStatus { rss: number; heapUsed: number; cached: number; inFlight: number }
export interface Counters { cpuMs: number; apiStatements: number; workerStatements: number }

/** What happened between two readings of the counters, per `n` operations. */
export const perOperation = (a: Counters, b: Counters, n: number) => ({
  cpuMs: (b.cpuMs - a.cpuMs) / n, apiStatements: (b.apiStatements - a.apiStatements) / n, workerStatements: (b.workerStatements - a.workerStatements) / n,
});

/**
 * The young generation `npm start` gives V8 (package.json's scripts): requests allocate many short-lived
 * objects (Prisma, JSON), and a larger nursery collects them far less often. BENCH_NODE_FLAGS replaces
 * it (' ' for none), to measure what it costs and gives.
 */
export const PRODUCT_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);

/** A bench/child.ts process: the product's API, the product's worker or the bare worker, measured from outside. */
export class BenchChild {
  private constructor(private readonly cp: ChildProcess, readonly maxCachedWorkflows: number) {}

  static async start(mode: 'product-api' | 'product-worker' | 'bare-worker', env: Record<string, string>): Promise<BenchChild> {
    const cp = fork(join(__dirname, 'child.ts'), [mode], {
      // BENCH_CPU_PROF=<dir>: each child writes a V8 CPU profile there when it stops (open it in Chrome DevTools)
      // the V8 flags `npm start` runs with (package.json), for the product and the baseline alike
      execArgv: ['--import', 'tsx', '--expose-gc', ...PRODUCT_NODE_FLAGS, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [])], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<{ maxCachedWorkflows: number }>((resolve, reject) => {
      cp.once('message', (m) => resolve(m as { maxCachedWorkflows: number }));
      cp.once('exit', (code) => reject(new Error(`bench child ${mode} exited with ${code}`)));
    });
    return new BenchChild(cp, ready.maxCachedWorkflows);
  }

  /** RSS, heap after a full GC, and the worker's cache, as the child sees them now. */
  status(): Promise<ChildStatus> {
    return new Promise((resolve) => {
      this.cp.once('message', (m) => resolve(m as ChildStatus));
      this.cp.send({ cmd: 'status' });
    });
  }

  /** CPU time (user + system, every thread) the process has used so far, and the SQL statements it sent (by HTTP requests, by anything else); no GC first. */
  counters(): Promise<Counters> {
    return new Promise((resolve) => {
      this.cp.once('message', (m) => resolve(m as Counters));
      this.cp.send({ cmd: 'counters' });
    });
  }

  /** Waits until the worker has had nothing to do for `quietMs` (every workflow task it was sent is done). */
  async settle(quietMs = 3000, timeoutMs = 600_000): Promise<ChildStatus> {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    let last = await this.status();
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const s = await this.status();
      if (s.inFlight > 0 || s.cached !== last.cached) quietSince = Date.now();
      last = s;
      if (Date.now() - quietSince >= quietMs) return s;
    }
    return last;
  }

  async stop(): Promise<void> {
    if (this.cp.exitCode !== null) return;
    const exited = new Promise((r) => this.cp.once('exit', r));
    this.cp.send({ cmd: 'stop' });
    const timer = setTimeout(() => this.cp.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Sums two readings of the counters, one per process. */
export const sum = (a: Counters, b: Counters): Counters => ({ cpuMs: a.cpuMs + b.cpuMs, apiStatements: a.apiStatements + b.apiStatements, workerStatements: a.workerStatements + b.workerStatements });

/**
 * The product as `npm start` runs it: the API and the worker in two processes (main/worker-process.ts).
 * Counters are the two processes' together; status and settling are the worker's.
 */
export class ProductProcesses {
  private constructor(readonly api: BenchChild, readonly worker: BenchChild) {}

  static async start(env: Record<string, string>): Promise<ProductProcesses> {
    const [api, worker] = await Promise.all([BenchChild.start('product-api', env), BenchChild.start('product-worker', env)]);
    return new ProductProcesses(api, worker);
  }

  async counters(): Promise<Counters> { return (await this.countersBySide()).both; }

  /** Each process's counters, read at the same moment, and their sum. */
  async countersBySide(): Promise<{ api: Counters; worker: Counters; both: Counters }> {
    const [api, worker] = await Promise.all([this.api.counters(), this.worker.counters()]);
    return { api, worker, both: sum(api, worker) };
  }

  settle(quietMs?: number): Promise<ChildStatus> { return this.worker.settle(quietMs); }

  async stop(): Promise<void> { await Promise.all([this.api.stop(), this.worker.stop()]); }
}
