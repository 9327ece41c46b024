import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { startApi } from '../../main/runtime';
import { createPrisma } from '../../prisma/client';
import { DEMO_PASSWORD } from '../../prisma/seed';
import { DEFAULT_LOAN_LADDER } from '../../domain';
import { freePort } from '../support/ports';
import { call, startStack, Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

/** Another API process of the same deployment, wired to the dependencies given (a closed port stands for one that is down). */
async function apiWith(deps: { prisma?: ReturnType<typeof createPrisma>; temporal?: Client }) {
  const server: Server = await startApi({
    port: 0, prisma: deps.prisma ?? stack.prisma, temporal: deps.temporal ?? stack.temporal, taskQueue: stack.taskQueue,
    publicUrl: 'http://approvals.test', sessionTtlHours: 1, remindAfter: '3 days', loanLadder: DEFAULT_LOAN_LADDER,
  });
  return { baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/api`, stop: () => new Promise((r) => server.close(r)) };
}

const expect503 = (res: { status: number; headers: Headers; body: { error: { code: string; message: string } } }, code: string) => {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body.error.code).toBe(code);
};

describe('the API while PostgreSQL is down', () => {
  let api: Awaited<ReturnType<typeof apiWith>>;
  let prisma: ReturnType<typeof createPrisma>;
  beforeAll(async () => {
    prisma = createPrisma(`postgresql://postgres:postgres@127.0.0.1:${await freePort()}/approvals`);
    api = await apiWith({ prisma });
  });
  afterAll(async () => { await api.stop(); await prisma.$disconnect(); });

  it('answers every call 503 with Retry-After, logging in included', async () => {
    const token = (await call(stack.baseUrl, 'POST', '/auth/login', { body: { username: 'clerk_edu', password: DEMO_PASSWORD } })).body.token;
    expect503(await call(api.baseUrl, 'POST', '/auth/login', { body: { username: 'clerk_edu', password: DEMO_PASSWORD } }), 'postgres_unavailable');
    const calls: [string, string, unknown?][] = [
      ['GET', '/me'], ['GET', '/units'], ['GET', '/users?role=treasury_officer'], ['GET', '/budget-requests'], ['GET', '/budget-requests/r1'],
      ['GET', '/tasks'], ['GET', '/dashboard'], ['GET', '/dashboard/lists/pending'], ['GET', '/loans'], ['GET', '/loans/l1'], ['GET', '/fiscal-years'],
      ['GET', '/advances/2026'], ['POST', '/budget-requests', { amount: '1.00', category: 'project', purpose: 'p', justification: '' }],
      ['POST', '/tasks/t1/decision', { action: 'approve' }], ['POST', '/auth/logout'],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(api.baseUrl, method, path, { token, body });
      expect503(res, 'postgres_unavailable');
      expect(res.body.error.message).toContain('数据库暂时不可用');
    }
  });

  it('is not ready, naming PostgreSQL, while it stays live', async () => {
    for (const path of ['/health/ready', '/health']) {
      const res = await call(api.baseUrl, 'GET', path);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(res.body).toMatchObject({ ok: false, checks: { postgres: 'down', temporal: 'up' } });
      expect(res.body.error.message).toContain('PostgreSQL');
    }
    expect((await call(api.baseUrl, 'GET', '/health/live')).status).toBe(200);
    expect(await call(stack.baseUrl, 'GET', '/health/ready')).toMatchObject({ status: 200, body: { ok: true, checks: { postgres: 'up', temporal: 'up' } } });
  });
});

describe('the API while every pooled database connection is taken', () => {
  let api: Awaited<ReturnType<typeof apiWith>>;
  let prisma: ReturnType<typeof createPrisma>;
  beforeAll(async () => {
    // A pool of one connection that waits two seconds for it: a busy API with a starved pool, made small.
    prisma = createPrisma(stack.dbUrl, 1, 2_000);
    api = await apiWith({ prisma });
  });
  afterAll(async () => { await api.stop(); await prisma.$disconnect(); });

  it('answers 503 with Retry-After instead of waiting for a connection, and serves again once one is free', async () => {
    const token = (await call(api.baseUrl, 'POST', '/auth/login', { body: { username: 'clerk_edu', password: DEMO_PASSWORD } })).body.token;
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    let holding!: () => void;
    const held = new Promise<void>((r) => { holding = r; });
    // A transaction that keeps the only connection (as a long report or a stuck statement would); the
    // connection is made first, so taking it never waits on a slow machine.
    await prisma.$queryRaw`SELECT 1`;
    const transaction = prisma.$transaction(async (tx) => { await tx.$queryRaw`SELECT 1`; holding(); await released; });
    await Promise.race([held, transaction]);
    try {
      for (const [method, path, body] of [['GET', '/units'], ['GET', '/dashboard'], ['POST', '/budget-requests', { amount: '1000.00', category: 'project', purpose: '饮水工程维修', justification: '' }]] as const) {
        const res = await call(api.baseUrl, method, path, { token, body });
        expect503(res, 'postgres_unavailable');
      }
    } finally {
      release();
      await transaction;
    }
    expect((await call(api.baseUrl, 'GET', '/units', { token })).status).toBe(200);
    // Nothing was filed by the refused call.
    expect(await stack.prisma.budgetRequest.count({ where: { purpose: '饮水工程维修' } })).toBe(0);
  });
});

describe('the API while Temporal is unreachable', () => {
  let api: Awaited<ReturnType<typeof apiWith>>;
  let connection: Connection;
  beforeAll(async () => {
    connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    api = await apiWith({ temporal: new Client({ connection, namespace: 'default' }) });
  });
  afterAll(async () => { await api.stop(); await connection.close(); });

  it('answers filing and deciding 503 with Retry-After', async () => {
    const login = await call(api.baseUrl, 'POST', '/auth/login', { body: { username: 'clerk_edu', password: DEMO_PASSWORD } });
    expect(login.status).toBe(200); // the database is up
    const filed = await call(api.baseUrl, 'POST', '/budget-requests', { token: login.body.token, body: { amount: '1000.00', category: 'project', purpose: '乡村道路养护', justification: '' } });
    expect(filed.status).toBe(503);
    expect(filed.headers.get('retry-after')).toBeTruthy();
    expect(filed.body.error.code).toMatch(/unavailable/);
    expect(filed.body.error.message).toMatch(/审批流程服务暂(时)?不可用/);

    // a task opened through the working stack, decided through the API that cannot reach Temporal
    const clerk = await stack.as('clerk_edu');
    const id = (await clerk.post('/budget-requests', { amount: '1000.00', category: 'project', purpose: '乡村道路养护', justification: '' })).body.request.id;
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(id);
    const reviewerToken = (await call(api.baseUrl, 'POST', '/auth/login', { body: { username: 'reviewer', password: DEMO_PASSWORD } })).body.token;
    const decided = await call(api.baseUrl, 'POST', `/tasks/${task.id}/decision`, { token: reviewerToken, body: { action: 'approve' } });
    expect(decided.status).toBe(503);
    expect(decided.headers.get('retry-after')).toBeTruthy();
    // The update may have been sent before the deadline ran out, so the truthful answer is "not known yet".
    expect(decided.body.error.code).toMatch(/unavailable|decision_pending/);
  });

  it('is not ready, naming Temporal', async () => {
    const res = await call(api.baseUrl, 'GET', '/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ok: false, checks: { postgres: 'up', temporal: 'down' } });
    expect(res.body.error.message).toContain('Temporal');
  });
});
