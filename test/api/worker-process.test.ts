/**
 * `npm start` runs the worker as a process of its own (main/worker-process.ts, main/worker.ts): a
 * request filed at the API is carried on by it, the API's /metrics still shows the worker's Temporal
 * series, a worker that dies is started again and the work goes on, and stopping it lets it exit.
 */
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createTemporalClient, startApi } from '../../main/runtime';
import { startWorkerProcess, type WorkerProcess } from '../../main/worker-process';
import { workerTemporalSeries } from '../../observability/worker-metrics';
import { DEFAULT_LOAN_LADDER } from '../../domain';
import { DEMO_PASSWORD, seedDemo } from '../../prisma/seed';
import { createTestDatabase, requireEnv } from '../support/db';
import { startTestSmtp } from '../support/smtp';
import { freePort } from '../support/ports';
import { until } from '../support/until';
import { call } from '../support/stack';

jest.setTimeout(180_000);

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let temporal: Awaited<ReturnType<typeof createTemporalClient>>;
let server: Server;
let worker: WorkerProcess;
let baseUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { bcryptRounds: 4 });
  smtp = await startTestSmtp();
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const metricsPort = await freePort();
  const address = requireEnv('TEST_TEMPORAL_ADDRESS');
  worker = await startWorkerProcess({
    DATABASE_URL: db.url, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port),
    EMAIL_ACTION_SECRET: randomBytes(32).toString('base64url'), PUBLIC_URL: 'http://approvals.test', METRICS_PORT: String(metricsPort), LOG_LEVEL: 'warn',
  }, { execArgv: ['--import', 'tsx'] });
  temporal = await createTemporalClient(address, 'default');
  server = await startApi({
    port: 0, prisma: db.prisma, temporal, taskQueue, publicUrl: 'http://approvals.test', sessionTtlHours: 1, remindAfter: '3 days', loanLadder: DEFAULT_LOAN_LADDER,
    workerMetrics: workerTemporalSeries(`http://127.0.0.1:${metricsPort}/metrics`),
  });
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await worker?.stop();
  await temporal?.connection.close();
  await smtp?.stop();
  await db?.drop();
});

async function fileAndAwaitReview(purpose: string): Promise<void> {
  const login = await call(baseUrl, 'POST', '/auth/login', { body: { username: 'clerk_edu', password: DEMO_PASSWORD } });
  const filed = await call(baseUrl, 'POST', '/budget-requests', { token: login.body.token, body: { amount: '1000.00', category: 'project', purpose, justification: '' } });
  expect(filed.status).toBe(201);
  // The worker opened the finance review and mailed the reviewer.
  // Generous: a worker started again bundles its workflows first (seconds on a busy machine).
  await until(() => db.prisma.task.findMany({ where: { subjectId: filed.body.request.id, step: 'finance_review', status: 'open' } }), (t) => t.length > 0, 900);
  await until(async () => smtp.received.filter((m) => m.text.includes(filed.body.request.number)), (m) => m.length > 0, 300);
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

test('the worker process carries filings on, shows its metrics at the API, is started again after a crash and stops when asked', async () => {
  await fileAndAwaitReview('工作进程测试一');

  // the worker's mail outbox counts the step's mails just after the mail server has them
  const sent = /^mail_outbox_runs_total\{kind="step_opened",outcome="sent"\} [1-9]/m;
  const metrics = await until(() => fetch(`${baseUrl.replace(/\/api$/, '')}/metrics`).then((r) => r.text()), (m) => sent.test(m), 300);
  expect(metrics).toMatch(/^temporal_worker_task_slots_available\{.*worker_type="ActivityWorker".*\} \d+/m);
  expect(metrics).toMatch(/^temporal_local_activity_execution_latency_count\{.*activity_type="openStepTasks".*\} \d+/m);
  // Node's own series once, the API's: the worker's are left out rather than repeated.
  expect(metrics.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);

  const first = worker.pid()!;
  process.kill(first, 'SIGKILL');
  await until(async () => worker.pid(), (pid) => pid !== undefined && pid !== first && alive(pid), 300);
  await fileAndAwaitReview('工作进程测试二');

  const second = worker.pid()!;
  await worker.stop();
  expect(alive(second)).toBe(false);
});
