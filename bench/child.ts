/**
 * A process the bench measures from outside, so the driver's own work never lands on it:
 * `product-api` runs the API and `product-worker` the product's worker, the two processes `npm start`
 * runs; `bare-worker` runs the bare baseline's worker with a no-op activity. It answers the parent's
 * `status` messages with its RSS, heap after a full GC and the worker's cache, and `counters` with the CPU time it used and the SQL statements it sent.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createTemporalClient, createWorker, startApi, bundleWorkflows } from '../main/runtime';
import { loadConfig } from '../main/config';
import { createPrisma } from '../prisma/client';
import { DEFAULT_LOAN_LADDER } from '../domain';
import { currentRequest } from '../observability/request-context';
import pg from 'pg';
import { writeFileSync } from 'node:fs';

// Every SQL statement sent (BEGIN and COMMIT included), counted apart for the HTTP requests' code and
// for everything else (the worker's activities): the bench reports statements per filing and decision.
const statements = { api: 0, worker: 0 };
// BENCH_SQL_LOG=<file>: also how often each statement's text was sent, by side, written there at every
// `counters` message, to see which statements a chain sends most.
const sqlLog = process.env.BENCH_SQL_LOG;
const texts = new Map<string, number>();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  const side = currentRequest() ? 'api' : 'worker';
  statements[side]++;
  if (sqlLog) {
    const q = args[0] as string | { text?: string };
    const text = `${side}\t${(typeof q === 'string' ? q : q?.text ?? '?').replace(/\s+/g, ' ').slice(0, 160)}`;
    texts.set(text, (texts.get(text) ?? 0) + 1);
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const mode = process.argv[2] as 'product-api' | 'product-worker' | 'bare-worker';
const env = (k: string) => { const v = process.env[k]; if (!v) throw new Error(`${k} is not set`); return v; };
const address = env('BENCH_TEMPORAL');
const taskQueue = env('BENCH_QUEUE');
const debugMode = process.env.BENCH_DEBUG_MODE === 'true';
// The product's own default (main/config.ts) unless the bench says otherwise; the baseline gets the same.
// (loadConfig also sets the log level: the bench's, not the default `info`, which would log every request.)
const maxCachedWorkflows = Number(process.env.BENCH_CACHE ?? loadConfig({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }).WORKER_MAX_CACHED_WORKFLOWS);

async function main() {
  let worker: Worker | undefined;
  if (mode === 'product-api') {
    const prisma = createPrisma(env('BENCH_DATABASE_URL'));
    const client = await createTemporalClient(address, 'default');
    await startApi({ port: Number(env('BENCH_API_PORT')), prisma, temporal: client, taskQueue, publicUrl: 'http://bench', sessionTtlHours: 2, remindAfter: '3 days', loanLadder: DEFAULT_LOAN_LADDER });
  } else if (mode === 'bare-worker') {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const connection = await NativeConnection.connect({ address });
    worker = await Worker.create({
      connection, taskQueue, maxCachedWorkflows, debugMode,
      workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./bare/workflows'), logger: silent }),
      activities: { async noop() {} },
    });
  } else {
    const prisma = createPrisma(env('BENCH_DATABASE_URL'));
    const smtpPort = Number(env('BENCH_SMTP_PORT'));
    ({ worker } = await createWorker({
      address, namespace: 'default', taskQueue, prisma, publicUrl: 'http://bench', maxCachedWorkflows,
      // BENCH_PRELOAD=false: the bundle as it was before domain/ was shared, to measure what sharing saves;
      // workflow spans as `npm start` has them by default (no trace exporter: none), BENCH_WORKFLOW_SPANS=true for an exporting set-up
      bundle: process.env.BENCH_PRELOAD === 'false' ? await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: silent }) : await bundleWorkflows({ workflowSpans: process.env.BENCH_WORKFLOW_SPANS === 'true' }), smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'bench@local' },
      debugMode,
    }));
  }
  void worker?.run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'counters') {
      const cpu = process.cpuUsage();
      process.send!({ cpuMs: (cpu.user + cpu.system) / 1000, apiStatements: statements.api, workerStatements: statements.worker });
      if (sqlLog) writeFileSync(`${sqlLog}.${process.pid}`, [...texts].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${n}\t${t}`).join('\n'));
    }
    if (m.cmd === 'status') {
      (globalThis as { gc?: () => void }).gc?.();
      const s = worker?.getStatus();
      process.send!({
        rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed, cached: s?.numCachedWorkflows ?? 0,
        inFlight: s ? s.numInFlightWorkflowActivations + s.numInFlightActivities : 0,
      });
    }
    if (m.cmd === 'stop') { if (worker) worker.shutdown(); else process.exit(0); }
  });
  // If the bench goes away (killed, timed out), so does this process.
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true, maxCachedWorkflows });
}

const noop = () => {};
const silent = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: (msg: string) => console.error(msg) };

main().catch((err) => { console.error(err); process.exit(1); });
