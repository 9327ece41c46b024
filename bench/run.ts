/**
 * `npm run bench`: the product side by side with a bare-Temporal baseline on the same dev server in the
 * same run (chains/s, one decision, filing, the bureau's reads at county scale, worker memory), printed
 * as a table of figure / baseline / product / ratio / target and written to bench/results/<time>.json,
 * with the change since the previous results. Everything is local (loopback) and bounded; sizes come
 * from BENCH_* variables (see `SIZES`) so a quick run is possible. Nothing here asserts on time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { addYuan, checkBudgetContent, checkFiscalCapacity } from '../domain';
import { migrate, startEmbeddedPostgres } from '../main/postgres';
import { startTemporalDevServer } from '../main/temporal-dev';
import { startMailCatcher } from '../main/mail-catcher';
import { createTemporalClient } from '../main/runtime';
import { createPrisma } from '../prisma/client';
import { seedDemo } from '../prisma/seed';
import { freePort } from '../test/support/ports';
import { ApiClient } from './api-client';
import { bareChain, ChainRun, decide, fileRequest, newPhases, openTask, productChain, retried, runChains } from './chains';
import { BenchChild, Counters, perOperation, ProductProcesses, sum } from './children';
import { machineBusyMs } from './machine-cpu';
import { measureMemory, MemoryFigures } from './memory';
import { explain, reads, timeReads } from './reads';
import { delta, Figure, previousResults, Results, table, writeResults } from './report';
import { seedCounty } from './seed';
import { sleep, summarise, Summary } from './stats';

const num = (k: string, d: number) => Number(process.env[k] ?? d);
/** Every size of the run; the defaults fit in about ten minutes on a 2-core machine. */
const SIZES = {
  /** requests filed one after another, then approved all at once (the earlier bench's figures) */
  serialFilings: num('BENCH_REQUESTS', 60),
  /** seconds each in-flight level keeps starting chains (each loop then finishes its chain) */
  chainSeconds: num('BENCH_CHAIN_SECONDS', 20),
  /** turns each side takes at 1 in flight (bare, then product) within those seconds */
  chainSlices: num('BENCH_CHAIN_SLICES', 4),
  inFlight: (process.env.BENCH_IN_FLIGHT ?? '1,8,32').split(',').map(Number),
  /** seconds of filing at the peak, and again at half that rate */
  filingSeconds: num('BENCH_FILING_SECONDS', 8),
  /** county history written straight to the database before the reads */
  dbRequests: num('BENCH_DB_REQUESTS', 100_000),
  dbLoans: num('BENCH_DB_LOANS', num('BENCH_LOANS', 10_000)),
  readSamples: num('BENCH_READ_SAMPLES', 40),
  /** sleeping workflows for the worker's RSS (disbursed loans, or bare sleepers) */
  openLoans: num('BENCH_OPEN_LOANS', 10_000),
  /** workflows a main-thread worker caches to weigh the heap each holds */
  heapWorkflows: num('BENCH_HEAP_WORKFLOWS', 1000),
};
/** Parts to leave out, e.g. BENCH_SKIP=memory,chains for a quick look at the reads. */
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

const line = (label: string, s: Summary, extra = '') => console.log(`  ${label.padEnd(44)} n=${String(s.n).padStart(4)}  p50=${s.p50.toFixed(1)} ms  p95=${s.p95.toFixed(1)} ms  p99=${s.p99.toFixed(1)} ms${extra ? `  ${extra}` : ''}`);

function domainFigures(more: Record<string, number>) {
  const t0 = performance.now();
  let total = '0.00';
  for (let i = 0; i < 100_000; i++) total = addYuan(total, '0.01');
  const t1 = performance.now();
  const content = { amount: '1000.00', category: 'general_purpose' as const, purpose: '办公设备', justification: '原设备已报废，影响日常办公，必须更新以保障运转。' };
  for (let i = 0; i < 100_000; i++) { checkBudgetContent(content, 2026); checkFiscalCapacity('1000.00', { availableResources: '5000000.00', reserved: '10.00', committed: '20.00' }); }
  const t2 = performance.now();
  more.addYuanOpsPerSec = 100_000 / ((t1 - t0) / 1000);
  more.budgetChecksOpsPerSec = 100_000 / ((t2 - t1) / 1000);
  console.log(`addYuan ${more.addYuanOpsPerSec.toFixed(0)} ops/s (sum ${total}); R-B3/R-B4/R-B6 checks ${more.budgetChecksOpsPerSec.toFixed(0)} ops/s`);
}

async function main() {
  const started = performance.now();
  const figures: Figure[] = [];
  const more: Record<string, number> = {};
  const explained: Record<string, string[]> = {};
  more.loadAverageAtStart = loadavg()[0];
  const uptimeAtStart = uptime();
  console.log(`machine at the start: ${uptimeAtStart}`);
  domainFigures(more);
  const dir = mkdtempSync(join(tmpdir(), 'approvals-bench-'));
  chmodSync(dir, 0o755);
  const stops: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    const [pgPort, tPort, smtpPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pgPort });
    stops.push(pg.stop);
    await migrate(pg.url);
    const prisma = createPrisma(pg.url, 4);
    stops.push(() => prisma.$disconnect());
    await seedDemo(prisma, { bcryptRounds: 4 });
    await prisma.fiscalYear.update({ where: { year: 2026 }, data: { availableResources: '999999999999.00' } });
    const db = new Pool({ connectionString: pg.url, max: 8 });
    // PostgreSQL stopping at the end closes its idle connections: not an error of the run.
    db.on('error', () => {});
    stops.push(() => db.end());
    const temporal = await startTemporalDevServer({ port: tPort, namespace: 'default', quiet: true });
    stops.push(temporal.stop);
    const mail = await startMailCatcher({ port: smtpPort, dir: join(dir, 'mail') });
    stops.push(mail.stop);
    const client = await createTemporalClient(temporal.address, 'default');
    stops.push(() => client.connection.close());
    const childEnv = { BENCH_DATABASE_URL: pg.url, BENCH_TEMPORAL: temporal.address, BENCH_SMTP_PORT: String(smtpPort), BENCH_API_PORT: String(apiPort) };
    const product = await ProductProcesses.start({ ...childEnv, BENCH_QUEUE: 'bench' });
    stops.push(() => product.stop());
    const bare = await BenchChild.start('bare-worker', { ...childEnv, BENCH_QUEUE: 'bench-bare' });
    stops.push(() => bare.stop());
    const api = new ApiClient(`http://127.0.0.1:${apiPort}/api`);
    console.log(`set up in ${((performance.now() - started) / 1000).toFixed(0)} s; sizes ${JSON.stringify(SIZES)}`);

    // Each part starts once the product has finished what the previous one left it (mails, tasks).
    const settled = () => product.settle(1000);
    await earlierFigures(api, db, product, more);
    if (!SKIP.has('chains')) await chainFigures(api, db, client, product, figures, more, settled);
    await settled();
    if (!SKIP.has('filing')) await filingFigures(api, db, product, figures, more, settled);
    await settled();
    if (!SKIP.has('reads')) await readFigures(api, prisma, async () => (await product.api.counters()).cpuMs, figures, more, explained);
    await product.stop();
    await bare.stop();
    if (!SKIP.has('memory')) await memoryFigures(client, childEnv, figures);

    more.loadAverageAtEnd = loadavg()[0];
    const uptimeAtEnd = uptime();
    more.decisionRetries = retried.decisions;
    more.filingRetries = retried.filings;
    if (retried.decisions || retried.filings) console.log(`retried: ${retried.decisions} decision calls (503: the workflow did not answer within the API's 30 s), ${retried.filings} filings (5xx)`);
    more.cpus = cpus().length;
    const results: Results = {
      at: new Date().toISOString(), commit: gitCommit(), sizes: { ...SIZES, inFlight: SIZES.inFlight.join(',') }, figures, more, explain: explained,
      machine: { cpus: cpus().length, uptimeAtStart, uptimeAtEnd },
    };
    console.log(`\n${table(figures)}\n`);
    const before = previousResults();
    if (before) console.log(`${delta(before, results)}\n`);
    if (more.loadAverageAtStart > more.cpus || more.loadAverageAtEnd > more.cpus) {
      console.log(`NOTE: the machine was busy with other work (load average ${more.loadAverageAtStart.toFixed(1)} at the start, ${more.loadAverageAtEnd.toFixed(1)} at the end, ${more.cpus} cores): times are inflated; compare ratios, or run again on a quiet machine.`);
    }
    console.log(`written to ${writeResults(results)}; the whole run took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

/** The earlier bench's figures, kept: filing one after another, then every finance approval at once. */
async function earlierFigures(api: ApiClient, db: Pool, product: ProductProcesses, more: Record<string, number>) {
  const n = SIZES.serialFilings;
  const submitMs: number[] = [];
  const ids: string[] = [];
  await product.settle(1000);
  const c0 = await product.counters();
  for (let i = 0; i < n; i++) {
    const { requestId, ms } = await fileRequest(api, `基准测试 ${i}`, `bench-serial-${process.pid}-${i}`);
    submitMs.push(ms);
    ids.push(requestId);
  }
  const c1 = await product.counters();
  const tasks = await Promise.all(ids.map((id) => openTask(db, id, 'finance_review', 'user-reviewer')));
  await product.settle(1000); // the workflows' first step opened and mailed
  const c2 = await product.counters();
  const decideMs: number[] = [];
  const t0 = performance.now();
  await Promise.all(tasks.map(async (taskId) => { decideMs.push(await decide(api, 'reviewer', taskId, { action: 'approve' })); }));
  const wall = performance.now() - t0;
  await product.settle(1000); // the next step opened and mailed
  const c3 = await product.counters();
  const filing = perOperation(c0, c2, n);
  const approval = perOperation(c2, c3, n);
  console.log('\nearlier figures');
  line('POST /budget-requests (one after another)', summarise(submitMs));
  line(`finance approvals (${n} at once)`, summarise(decideMs));
  console.log(`  finance approvals throughput ${(n / (wall / 1000)).toFixed(1)} decisions/s`);
  console.log(`  SQL statements per filing: ${perOperation(c0, c1, n).apiStatements.toFixed(1)} on its HTTP path, ${filing.workerStatements.toFixed(1)} by the worker (first step opened, its mail); product CPU ${filing.cpuMs.toFixed(0)} ms`);
  console.log(`  SQL statements per finance approval: ${approval.apiStatements.toFixed(1)} on its HTTP path, ${approval.workerStatements.toFixed(1)} by the worker (decision recorded, next step opened, its mail); product CPU ${approval.cpuMs.toFixed(0)} ms`);
  const s = summarise(submitMs);
  const d = summarise(decideMs);
  Object.assign(more, {
    serialFilingP50: s.p50, serialFilingP95: s.p95, concurrentApprovalP50: d.p50, concurrentApprovalP95: d.p95, concurrentApprovalsPerSec: n / (wall / 1000),
    filingApiStatements: perOperation(c0, c1, n).apiStatements, filingWorkerStatements: filing.workerStatements, filingCpuMs: filing.cpuMs,
    approvalApiStatements: approval.apiStatements, approvalWorkerStatements: approval.workerStatements, approvalCpuMs: approval.cpuMs,
  });
}

const noChains = (): ChainRun => ({ chains: 0, seconds: 0, perSecond: 0, decisionMs: [] });
const addChains = (a: ChainRun, b: ChainRun): ChainRun => {
  const chains = a.chains + b.chains;
  const seconds = a.seconds + b.seconds;
  return { chains, seconds, perSecond: chains / seconds, decisionMs: [...a.decisionMs, ...b.decisionMs] };
};
const noCounters = (): Counters => ({ cpuMs: 0, apiStatements: 0, workerStatements: 0 });
/** What changed from `from` to `to`. */
const change = (from: Counters, to: Counters): Counters => perOperation(from, to, 1);

/** Full chains per second at each in-flight level, and one decision's latency at 1 in flight. */
async function chainFigures(api: ApiClient, db: Pool, client: Awaited<ReturnType<typeof createTemporalClient>>, product: ProductProcesses, figures: Figure[], more: Record<string, number>, settled: () => Promise<unknown>) {
  console.log('\nfull chains (file, then six decisions), bare Temporal vs product');
  // What the product's processes cost doing nothing (pollers, timers, metrics): at 1 in flight it is part of every chain's CPU.
  await settled();
  const idle0 = await product.countersBySide();
  await sleep(5000);
  const idle1 = await product.countersBySide();
  more.idleApiCpuMsPerSec = (idle1.api.cpuMs - idle0.api.cpuMs) / 5;
  more.idleWorkerCpuMsPerSec = (idle1.worker.cpuMs - idle0.worker.cpuMs) / 5;
  console.log(`  idle, CPU per second: API ${more.idleApiCpuMsPerSec.toFixed(1)} ms, worker ${more.idleWorkerCpuMsPerSec.toFixed(1)} ms`);
  const runs = new Map<number, { bare: ChainRun; product: ChainRun }>();
  for (const k of SIZES.inFlight) {
    // At 1 in flight a chain takes under a second, so the two sides take turns in slices: a machine
    // whose speed drifts over the minute (it is shared) then weighs on both alike. At 8 and 32 a chain
    // takes seconds, and short slices would be mostly ramp-up and drain.
    const slices = k === 1 ? SIZES.chainSlices : 1;
    const phases = newPhases();
    let b = noChains();
    let p = noChains();
    let bareMachineMs = 0;
    let productMachineMs = 0;
    const counted = { api: noCounters(), worker: noCounters() };
    for (let slice = 0; slice < slices; slice++) {
      const m0 = machineBusyMs();
      b = addChains(b, await runChains(k, SIZES.chainSeconds / slices, bareChain(client, 'bench-bare')));
      bareMachineMs += machineBusyMs() - m0;
      await settled();
      const c0 = await product.countersBySide();
      const m1 = machineBusyMs();
      p = addChains(p, await runChains(k, SIZES.chainSeconds / slices, productChain(api, db, phases)));
      await settled();
      // Settling included: the mail and steps a chain leaves behind are its cost too (the bare chain leaves none).
      productMachineMs += machineBusyMs() - m1;
      const c1 = await product.countersBySide();
      counted.api = sum(counted.api, change(c0.api, c1.api));
      counted.worker = sum(counted.worker, change(c0.worker, c1.worker));
    }
    bareMachineMs /= Math.max(1, b.chains);
    productMachineMs /= Math.max(1, p.chains);
    const chains = Math.max(1, p.chains);
    const perChain = perOperation(noCounters(), sum(counted.api, counted.worker), chains);
    const apiCpuMs = perOperation(noCounters(), counted.api, chains).cpuMs;
    const workerCpuMs = perOperation(noCounters(), counted.worker, chains).cpuMs;
    Object.assign(more, {
      [`chain${k}ApiStatements`]: perChain.apiStatements, [`chain${k}WorkerStatements`]: perChain.workerStatements, [`chain${k}CpuMs`]: perChain.cpuMs,
      [`chain${k}BareMachineCpuMs`]: bareMachineMs, [`chain${k}ProductMachineCpuMs`]: productMachineMs, [`chain${k}ApiCpuMs`]: apiCpuMs, [`chain${k}WorkerCpuMs`]: workerCpuMs,
    });
    runs.set(k, { bare: b, product: p });
    console.log(`  ${String(k).padStart(2)} in flight: bare ${b.perSecond.toFixed(2)} chains/s (${b.chains} in ${b.seconds.toFixed(0)} s), product ${p.perSecond.toFixed(2)} chains/s (${p.chains} in ${p.seconds.toFixed(0)} s); per chain ${perChain.apiStatements.toFixed(0)} + ${perChain.workerStatements.toFixed(0)} SQL statements (HTTP + worker), product CPU ${perChain.cpuMs.toFixed(0)} ms (API ${apiCpuMs.toFixed(0)}, worker ${workerCpuMs.toFixed(0)})`);
    const mean = (ms: number) => ms / Math.max(1, phases.chains);
    console.log(`      a product chain's wall time: filing ${mean(phases.filingMs).toFixed(0)} ms, waiting for the next task to show ${mean(phases.waitMs).toFixed(0)} ms (6 waits), deciding ${mean(phases.decideMs).toFixed(0)} ms (6 calls); a bare chain ${(1000 * k / b.perSecond).toFixed(0)} ms`);
    Object.assign(more, { [`chain${k}FilingMs`]: mean(phases.filingMs), [`chain${k}WaitMs`]: mean(phases.waitMs), [`chain${k}DecideMs`]: mean(phases.decideMs) });
    console.log(`      machine CPU per chain (every process): bare ${bareMachineMs.toFixed(0)} ms, product ${productMachineMs.toFixed(0)} ms; with ${cpus().length} cores busy that bounds chains/s at ${(cpus().length * 1000 / bareMachineMs).toFixed(1)} and ${(cpus().length * 1000 / productMachineMs).toFixed(1)}`);
    figures.push({ key: `chains${k}`, figure: `full chains/s, ${k} in flight`, unit: '', baseline: b.perSecond, product: p.perSecond, ratio: p.perSecond / b.perSecond, target: '≥ 0.7× bare', met: p.perSecond >= 0.7 * b.perSecond });
  }
  const one = runs.get(1) ?? runs.get(Math.min(...runs.keys()))!;
  const b = summarise(one.bare.decisionMs);
  const p = summarise(one.product.decisionMs);
  line('one decision, bare update', b);
  line('one decision, product POST /tasks/:id/decision', p);
  figures.push({ key: 'decisionP99', figure: 'one decision p99, 1 in flight', unit: 'ms', baseline: b.p99, product: p.p99, ratio: p.p99 / b.p99, target: '≤ 2× bare', met: p.p99 <= 2 * b.p99 });
}

/**
 * Filing: the peak rate with 16 clerks' forms in flight, then p99 at half that rate (arrivals on a clock).
 * The peak is the rate the product absorbs filings at: from the first form sent until every filed
 * request's first step is open. With the API and the worker in one process that was also the rate its
 * HTTP answers came at; in two, the API alone answers faster than the worker opens steps (printed as
 * well), and half of that would be more than the product can sustain.
 */
async function filingFigures(api: ApiClient, db: Pool, product: ProductProcesses, figures: Figure[], more: Record<string, number>, settled: () => Promise<unknown>) {
  let n = 0;
  const file = () => fileRequest(api, `基准测试申报 ${n}`, `bench-filing-${process.pid}-${n++}`);
  const until = performance.now() + SIZES.filingSeconds * 1000;
  const ids: string[] = [];
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => { while (performance.now() < until) ids.push((await file()).requestId); }));
  const answered = performance.now();
  const httpPeak = ids.length / ((answered - t0) / 1000);
  await firstStepsOpen(db, ids);
  const peak = ids.length / ((performance.now() - t0) / 1000);
  await settled();
  const rate = peak / 2;
  const count = Math.max(20, Math.round(rate * SIZES.filingSeconds * 1.5));
  const ms: number[] = [];
  const c0 = await product.counters();
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, async (_, i) => {
    await sleep(Math.max(0, start + (i * 1000) / rate - performance.now()));
    ms.push((await file()).ms);
  }));
  const halfRate = perOperation(c0, await product.counters(), count);
  more.filingHalfRateApiStatements = halfRate.apiStatements;
  const s = summarise(ms);
  console.log(`\nfiling: peak ${peak.toFixed(1)}/s with 16 in flight (first steps open; the API alone answered ${httpPeak.toFixed(1)}/s); at half that (${rate.toFixed(1)}/s):`);
  line('POST /budget-requests', s, `${halfRate.apiStatements.toFixed(1)} SQL statements on its HTTP path`);
  more.filingPeakPerSec = peak;
  more.filingHttpPeakPerSec = httpPeak;
  figures.push({ key: 'filingP99', figure: `filing p99 at half the peak rate (${rate.toFixed(1)}/s)`, unit: 'ms', baseline: null, product: s.p99, ratio: null, target: '≤ 50 ms', met: s.p99 <= 50 });
}

/** Waits until every one of the requests has its first step's tasks open. */
async function firstStepsOpen(db: Pool, ids: string[]): Promise<void> {
  for (const deadline = Date.now() + 10 * 60_000; Date.now() < deadline; await sleep(50)) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(DISTINCT "subjectId")::int AS n FROM "Task" WHERE "subjectId" = ANY($1) AND step = 'finance_review'`, [ids]);
    if (rows[0].n >= ids.length) return;
  }
  throw new Error('the filed requests\' first steps did not open within ten minutes');
}

/** The bureau's reads over a county's history, p95 each; EXPLAIN ANALYZE of the three slowest. */
async function readFigures(api: ApiClient, prisma: ReturnType<typeof createPrisma>, cpuMs: () => Promise<number>, figures: Figure[], more: Record<string, number>, explained: Record<string, string[]>) {
  const t0 = performance.now();
  await seedCounty(prisma, { requests: SIZES.dbRequests, loans: SIZES.dbLoans });
  const counts = { requests: await prisma.budgetRequest.count(), loans: await prisma.loan.count(), openTasks: await prisma.task.count({ where: { status: 'open' } }) };
  console.log(`\nreads with ${counts.requests} requests, ${counts.loans} loans, ${counts.openTasks} open tasks in the database (seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  const list = reads(SIZES.dbLoans);
  const timed = await timeReads(api, list, SIZES.readSamples, cpuMs);
  for (const r of list) {
    const s = timed.get(r.key)!;
    line(r.label, s, `API CPU ${s.apiCpuMs.toFixed(1)} ms/read`);
    more[`read:${r.key}:apiCpuMs`] = s.apiCpuMs;
    if (r.target) figures.push({ key: `read:${r.key}`, figure: `${r.label} p95`, unit: 'ms', baseline: null, product: s.p95, ratio: null, target: '≤ 50 ms', met: s.p95 <= 50 });
    else more[`read:${r.key}:p50`] = s.p50;
  }
  const slowest = list.filter((r) => r.target && r.statements.length).sort((a, b) => timed.get(b.key)!.p95 - timed.get(a.key)!.p95).slice(0, 3);
  for (const r of slowest) {
    explained[r.key] = await explain(prisma, r);
    console.log(`\nEXPLAIN ANALYZE — ${r.label} (p95 ${timed.get(r.key)!.p95.toFixed(1)} ms):`);
    for (const plan of explained[r.key]) console.log(plan.split('\n').map((l) => `    ${l}`).join('\n'), '\n');
  }
}

/** Worker RSS with many open sleeping workflows, per 1,000 cached, and heap per cached workflow. */
async function memoryFigures(client: Awaited<ReturnType<typeof createTemporalClient>>, env: Record<string, string>, figures: Figure[]) {
  const o = { open: SIZES.openLoans, heapSample: SIZES.heapWorkflows };
  const b: MemoryFigures = await measureMemory('bare', client, env, o);
  const p: MemoryFigures = await measureMemory('product', client, env, o);
  console.log(`\nworker memory, ${o.open} open workflows, cache ${p.maxCachedWorkflows} (bare: ${b.cached} cached, product: ${p.cached} cached)`);
  for (const [side, m] of [['bare', b], ['product', p]] as const) {
    console.log(`  ${side.padEnd(8)} RSS idle ${m.rssIdleMb.toFixed(0)} MB, with ${m.open} open ${m.rssOpenMb.toFixed(0)} MB, ${m.rssPerThousandOpenMb.toFixed(1)} MB per 1,000 open, ${m.rssPerThousandCachedMb.toFixed(1)} MB per 1,000 cached; heap ${m.heapPerCachedKb.toFixed(1)} KB per cached workflow (${m.heapSample} queried)`);
  }
  figures.push(
    { key: 'rssOpen', figure: `worker RSS, ${o.open} open (disbursed, sleeping) loans`, unit: 'MB', baseline: b.rssOpenMb, product: p.rssOpenMb, ratio: p.rssOpenMb / b.rssOpenMb, target: '≤ 1024 MB', met: p.rssOpenMb <= 1024 },
    { key: 'rssPer1000', figure: 'worker RSS growth per 1,000 open workflows', unit: 'MB', baseline: b.rssPerThousandOpenMb, product: p.rssPerThousandOpenMb, ratio: p.rssPerThousandOpenMb / b.rssPerThousandOpenMb, target: '≤ 80 MB', met: p.rssPerThousandOpenMb <= 80 },
    { key: 'rssPer1000Cached', figure: 'worker RSS growth per 1,000 cached workflows', unit: 'MB', baseline: b.rssPerThousandCachedMb, product: p.rssPerThousandCachedMb, ratio: p.rssPerThousandCachedMb / b.rssPerThousandCachedMb, target: '—', met: null },
    { key: 'heapPerCached', figure: 'workflow heap per cached workflow', unit: 'KB', baseline: b.heapPerCachedKb, product: p.heapPerCachedKb, ratio: p.heapPerCachedKb / b.heapPerCachedKb, target: '—', met: null },
  );
}

/** `uptime`'s line (load averages over 1, 5 and 15 minutes): the machine is shared, so every result says how busy it was. */
function uptime(): string {
  try { return execFileSync('uptime', { encoding: 'utf8' }).trim(); } catch { return `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`; }
}

function gitCommit(): string {
  try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
