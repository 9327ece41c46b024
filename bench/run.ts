/**
 * `npm run bench`: measures, on this machine, the pure rule checks and the API end to end (submit,
 * then finance approval through the workflow update; the bureau's dashboard and loan lists) against
 * real PostgreSQL and Temporal.
 * Prints numbers only; nothing here asserts on time.
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays, addYuan, checkBudgetContent, chinaDate, checkFiscalCapacity, DEFAULT_LOAN_LADDER } from '../domain';
import { migrate, startEmbeddedPostgres } from '../main/postgres';
import { startTemporalDevServer } from '../main/temporal-dev';
import { startMailCatcher } from '../main/mail-catcher';
import { createTemporalClient, createWorker, startApi } from '../main/runtime';
import { createPrisma } from '../prisma/client';
import { DEMO_PASSWORD, seedDemo } from '../prisma/seed';
import { freePort } from '../test/support/ports';

const N = Number(process.env.BENCH_REQUESTS ?? 60);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json();

function stats(label: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1);
  console.log(`${label.padEnd(34)} n=${s.length}  p50=${q(0.5)} ms  p95=${q(0.95)} ms  max=${q(1)} ms`);
}

function domainBench() {
  const t0 = performance.now();
  let total = '0.00';
  for (let i = 0; i < 100_000; i++) total = addYuan(total, '0.01');
  const t1 = performance.now();
  const content = { amount: '1000.00', category: 'general_purpose' as const, purpose: '办公设备', justification: '原设备已报废，影响日常办公，必须更新以保障运转。' };
  for (let i = 0; i < 100_000; i++) { checkBudgetContent(content, 2026); checkFiscalCapacity('1000.00', { availableResources: '5000000.00', reserved: '10.00', committed: '20.00' }); }
  const t2 = performance.now();
  console.log(`addYuan                            ${(100_000 / ((t1 - t0) / 1000)).toFixed(0)} ops/s (sum ${total})`);
  console.log(`R-B3/R-B4/R-B6 checks              ${(100_000 / ((t2 - t1) / 1000)).toFixed(0)} ops/s`);
}

async function main() {
  domainBench();
  const dir = mkdtempSync(join(tmpdir(), 'approvals-bench-'));
  chmodSync(dir, 0o755);
  const stops: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    const [pgPort, tPort, smtpPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pgPort });
    stops.push(pg.stop);
    await migrate(pg.url);
    const prisma = createPrisma(pg.url, 20);
    stops.push(() => prisma.$disconnect());
    await seedDemo(prisma, { bcryptRounds: 4 });
    await prisma.fiscalYear.update({ where: { year: 2026 }, data: { availableResources: '999999999999.00' } });
    const temporal = await startTemporalDevServer({ port: tPort, namespace: 'default', quiet: true });
    stops.push(temporal.stop);
    const mail = await startMailCatcher({ port: smtpPort, dir: join(dir, 'mail') });
    stops.push(mail.stop);
    const { worker, connection } = await createWorker({
      address: temporal.address, namespace: 'default', taskQueue: 'bench', prisma, publicUrl: 'http://bench',
      smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'bench@local' },
    });
    const running = worker.run();
    stops.push(async () => { worker.shutdown(); await running; await connection.close(); });
    const client = await createTemporalClient(temporal.address, 'default');
    stops.push(() => client.connection.close());
    const server = await startApi({ port: apiPort, prisma, temporal: client, taskQueue: 'bench', publicUrl: 'http://bench', sessionTtlHours: 1, remindAfter: '3 days', loanLadder: DEFAULT_LOAN_LADDER });
    stops.push(() => new Promise((r) => server.close(r)));
    const base = `http://127.0.0.1:${apiPort}/api`;

    const login = async (username: string) => (await json(await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) }))).token as string;
    const post = (token: string, path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const clerk = await login('clerk_edu');
    const reviewer = await login('reviewer');

    const submitMs: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      const res = await post(clerk, '/budget-requests', { amount: '1000.00', category: 'project', purpose: `基准测试 ${i}`, justification: '' });
      submitMs.push(performance.now() - t);
      ids.push((await json(res)).request.id);
    }
    stats('POST /budget-requests (serial)', submitMs);

    let tasks: { id: string; subjectId: string }[] = [];
    while (tasks.length < N) {
      tasks = (await json(await fetch(`${base}/tasks`, { headers: { authorization: `Bearer ${reviewer}` } }))).items;
      await new Promise((r) => setTimeout(r, 100));
    }
    const decideMs: number[] = [];
    const t0 = performance.now();
    await Promise.all(tasks.map(async (task) => {
      const t = performance.now();
      const res = await post(reviewer, `/tasks/${task.id}/decision`, { action: 'approve' });
      if (res.status !== 200) throw new Error(`decision failed: ${res.status}`);
      decideMs.push(performance.now() - t);
    }));
    const wall = performance.now() - t0;
    stats(`finance approvals (${N} concurrent)`, decideMs);
    console.log(`finance approvals throughput          ${(N / (wall / 1000)).toFixed(1)} decisions/s`);

    await bureauReads(prisma, base, await login('director'));
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

const LOANS = Number(process.env.BENCH_LOANS ?? 2000);

/**
 * What the finance bureau opens every day, over LOANS disbursed loans (written straight to the
 * database, due from 200 days ago to 100 days ahead): the dashboard, the advances position with
 * its ageing, one ageing bucket's list, and the whole loan list as Excel.
 */
async function bureauReads(prisma: ReturnType<typeof createPrisma>, base: string, token: string) {
  const units = ['unit-jyj', 'unit-wjw', 'unit-slj'];
  const today = chinaDate(Date.now());
  await prisma.loan.createMany({
    data: Array.from({ length: LOANS }, (_, i) => ({
      id: `bench-loan-${i}`, number: `JK-2026-B${String(i).padStart(6, '0')}`, unitId: units[i % units.length], fiscalYear: 2026,
      amount: '1000.00', outstanding: '1000.00', purpose: 'temporary_turnover', purposeDetails: '基准测试', repaymentSource: '基准测试',
      termMonths: 6, noOnLendingDeclared: true, fundsNewSpending: false, status: 'disbursed', step: 'repayment', capHold: 'outstanding',
      dueDate: new Date(`${addDays(today, (i % 300) - 200)}T00:00:00Z`), disbursedAt: new Date(), ladder: DEFAULT_LOAN_LADDER as object,
      createdById: 'user-clerk-edu', workflowId: `bench-loan-${i}`,
    })),
  });
  // Each disbursed loan is a row of the county's advances ledger, which the position and its ageing read.
  await prisma.advance.createMany({
    data: Array.from({ length: LOANS }, (_, i) => ({
      id: `bench-advance-${i}`, number: `JK-2026-B${String(i).padStart(6, '0')}`, origin: 'loan', loanId: `bench-loan-${i}`, debtor: '基准测试单位',
      debtorKind: 'unit', unitId: units[i % units.length], kind: 'compliant', amount: '1000.00', outstanding: '1000.00',
      arisenOn: new Date(`${addDays(today, (i % 300) - 380)}T00:00:00Z`), fiscalYear: 2026,
      dueDate: new Date(`${addDays(today, (i % 300) - 200)}T00:00:00Z`), status: 'open',
    })),
  });
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  };
  for (const [label, path, n] of [
    ['GET /dashboard', '/dashboard?fiscalYear=2026', 20],
    ['GET /advances (ageing)', '/advances/2026', 20],
    ['GET /loans?overdueBucket=31-90', '/loans?fiscalYear=2026&overdueBucket=31-90', 20],
    [`GET /loans xlsx (${LOANS} loans)`, '/loans?fiscalYear=2026&format=xlsx', 5],
  ] as const) {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await get(path);
      ms.push(performance.now() - t);
    }
    stats(label, ms);
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
