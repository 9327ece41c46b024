import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { createTemporalClient, createWorker, startApi } from '../../main/runtime';
import { seedDemo, DEMO_PASSWORD } from '../../prisma/seed';
import { createTestDatabase, requireEnv } from './db';
import { startTestSmtp } from './smtp';
import { DEFAULT_LOAN_LADDER } from '../../domain';
import type { ApiDeps } from '../../api/context';

/**
 * Everything real for API tests: a database of their own (seeded with the demo county), a real
 * SMTP server, a worker with the real activities on a task queue of their own, and the API.
 * `remindAfter` (3 days, as in production) is how long a task waits before its approvers are reminded.
 */
export async function startStack(o: Pick<ApiDeps, 'updateDeadlineMs' | 'nudgeInterval' | 'workingDayCalendar' | 'duties'> & { remindAfter?: string } = {}) {
  const db = await createTestDatabase();
  await seedDemo(db.prisma, { bcryptRounds: 4 });
  const smtp = await startTestSmtp();
  const address = requireEnv('TEST_TEMPORAL_ADDRESS');
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const launchWorker = async () => {
    const { worker, connection, closeMail } = await createWorker({
      address, namespace: 'default', taskQueue, prisma: db.prisma, publicUrl: 'http://approvals.test',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'approvals@test.local' },
      bundle: { codePath: requireEnv('TEST_WORKFLOW_BUNDLE') }, duties: o.duties, workingDayCalendar: o.workingDayCalendar,
    });
    return { worker, connection, closeMail, running: worker.run() };
  };
  let w: Awaited<ReturnType<typeof launchWorker>> | undefined = await launchWorker();
  const stopWorker = async () => {
    if (!w) return;
    const { worker, connection, closeMail, running } = w;
    w = undefined;
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await closeMail();
    await connection.close();
  };
  const temporal = await createTemporalClient(address, 'default');
  const connection = temporal.connection;
  const server: Server = await startApi({ port: 0, prisma: db.prisma, temporal, taskQueue, publicUrl: 'http://approvals.test', sessionTtlHours: 1, loanLadder: DEFAULT_LOAN_LADDER, ...o, remindAfter: o.remindAfter ?? '3 days' });
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const baseUrl = `${origin}/api`;

  return {
    /** publicUrl is what e-mails link to; origin is where this stack's server really listens (it also serves the web app) */
    prisma: db.prisma, smtp, temporal, taskQueue, baseUrl, origin, publicUrl: 'http://approvals.test',
    /** the test database's URL, for a second client with other pool settings */
    dbUrl: db.url,
    /** Logs a demo user in and returns an HTTP helper acting as them. */
    async as(username: string) {
      const res = await call(baseUrl, 'POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
      return userClient(baseUrl, res.body.token as string, res.body.user.id as string);
    },
    /** Stops the worker (as an operator would), so workflows make no progress until `startWorker`. */
    stopWorker,
    async startWorker() { if (!w) w = await launchWorker(); },
    async stop() {
      await new Promise((r) => server.close(r));
      await stopWorker();
      await endOpenWorkflows(temporal, taskQueue);
      await connection.close();
      await smtp.stop();
      await db.drop();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

export type UserClient = ReturnType<typeof userClient>;

/**
 * Terminates what a stack leaves running on the shared dev server. Some workflow ids are business
 * keys (a report's duty is `report-operations-2026-11`), so a duty left sleeping on a stopped
 * stack's task queue would take the next test's submissions and never answer them.
 */
async function endOpenWorkflows(temporal: Client, taskQueue: string): Promise<void> {
  const open: string[] = [];
  for await (const w of temporal.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) open.push(w.workflowId);
  for (let i = 0; i < open.length; i += 16) {
    await Promise.all(open.slice(i, i + 16).map((id) => temporal.workflow.getHandle(id).terminate('test stack stopped').catch((e: Error) => {
      if (e.name !== 'WorkflowNotFoundError') throw e; // it ended on its own meanwhile
    })));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Res { status: number; body: any; headers: Headers }

export async function call(baseUrl: string, method: string, path: string, o: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Res> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
    body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

function userClient(baseUrl: string, token: string, userId: string) {
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(baseUrl, method, path, { body, token, headers });
  return {
    userId,
    get: (path: string) => req('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => req('POST', path, body, headers),
    put: (path: string, body?: unknown) => req('PUT', path, body),
    delete: (path: string, body?: unknown) => req('DELETE', path, body),
    /** A file (an Excel export, say) as the raw response: the JSON helpers would try to parse it. */
    download: (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }),
    /** POSTs raw bytes (a file upload) and parses the JSON answer. */
    async upload(path: string, bytes: Buffer, headers: Record<string, string> = {}): Promise<Res> {
      const res = await fetch(`${baseUrl}${path}`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}`, ...headers } });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    /** The user's open task for a request, waiting briefly for the workflow to open it. */
    async taskFor(requestId: string, step?: string) {
      for (let i = 0; i < 100; i++) {
        const res = await req('GET', '/tasks');
        const task = res.body.items.find((t: { subjectId: string; step: string }) => t.subjectId === requestId && (!step || t.step === step));
        if (task) return task as { id: string; step: string; round: number; request: { threeGuarantees: boolean } };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no open task for ${requestId}${step ? ` at ${step}` : ''}`);
    },
    /** Decides the user's open task on a subject at `step` through the one decide command (POST /tasks/:id/decision). */
    async decide(subjectId: string, step: string, body: Record<string, unknown>): Promise<Res> {
      const task = await this.taskFor(subjectId, step);
      return req('POST', `/tasks/${task.id}/decision`, body);
    },
  };
}
