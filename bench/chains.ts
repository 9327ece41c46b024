import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { ApiClient } from './api-client';
import { sleep } from './stats';

/** The six decisions of a full R-B2 chain for 县教育局, as each approver sends them. */
const CHAIN: { step: string; username: string; userId: string; body: Record<string, unknown> }[] = [
  { step: 'finance_review', username: 'reviewer', userId: 'user-reviewer', body: { action: 'approve' } },
  { step: 'leader_briefing', username: 'party_secretary', userId: 'user-secretary', body: { action: 'acknowledge' } },
  { step: 'leader_briefing', username: 'county_mayor', userId: 'user-mayor', body: { action: 'acknowledge' } },
  { step: 'leader_briefing', username: 'vice_mayor_edu', userId: 'user-vice-edu', body: { action: 'acknowledge' } },
  { step: 'executive_meeting', username: 'meeting_secretary', userId: 'user-meeting', body: { action: 'approve', meetingKind: 'executive', meetingReference: '县政府基准测试常务会议' } },
  { step: 'npc_approval', username: 'npc_liaison', userId: 'user-npc', body: { action: 'approve', resolutionReference: '县人大常委会基准测试批复' } },
];

export interface ChainRun { chains: number; seconds: number; perSecond: number; decisionMs: number[] }

/** Where a product chain's wall time went, summed over a run: filing, waiting for each step's task to show, deciding. */
export interface ChainPhases { chains: number; filingMs: number; waitMs: number; decideMs: number }
export const newPhases = (): ChainPhases => ({ chains: 0, filingMs: 0, waitMs: 0, decideMs: 0 });

/**
 * Runs `inFlight` chains at a time for about `seconds` (each loop finishes the chain it is in), and
 * counts completed chains per second of wall time, ramp-up and drain included.
 */
export async function runChains(inFlight: number, seconds: number, chain: (decisionMs: number[]) => Promise<void>): Promise<ChainRun> {
  const decisionMs: number[] = [];
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  let chains = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    do {
      await chain(decisionMs);
      chains++;
    } while (performance.now() < until);
  }));
  const wall = (performance.now() - t0) / 1000;
  return { chains, seconds: wall, perSecond: chains / wall, decisionMs };
}

/**
 * One request through the product, as people use it: the clerk files it, then each approver opens
 * their task (found in the database the moment the workflow opens it, as the inbox would show it)
 * and decides it over HTTP. Only the decisions' HTTP time is recorded.
 */
/** Chains filed so far in this run: every level files under new Idempotency-Keys (a key reused would answer the old, finished request). */
let productChains = 0;

export function productChain(api: ApiClient, db: Pool, phases = newPhases()) {
  return async (decisionMs: number[]) => {
    const n = productChains++;
    let t = performance.now();
    const lap = () => { const now = performance.now(); const ms = now - t; t = now; return ms; };
    const { requestId } = await fileRequest(api, `基准测试链 ${n}`, `bench-chain-${process.pid}-${n}`);
    phases.filingMs += lap();
    for (const d of CHAIN) {
      const taskId = await openTask(db, requestId, d.step, d.userId);
      phases.waitMs += lap();
      decisionMs.push(await decide(api, d.username, taskId, d.body));
      phases.decideMs += lap();
    }
    phases.chains++;
  };
}

/** Failed decision calls the bench retried (a 503 when the workflow did not answer in time), over the whole run. */
export const retried = { decisions: 0, filings: 0 };

/**
 * Files a request as the clerk's form does, with an Idempotency-Key, so a 5xx (say the API's
 * database pool was exhausted) is retried safely; returns the request's id and the settling call's time.
 */
export async function fileRequest(api: ApiClient, purpose: string, key: string): Promise<{ requestId: string; ms: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { body, ms } = await api.post('clerk_edu', '/budget-requests', { amount: '1000.00', category: 'project', purpose, justification: '' }, { 'Idempotency-Key': key });
      return { requestId: (body.request as { id: string }).id, ms };
    } catch (err) {
      if (attempt >= 10 || !/: (5\d\d|409) /.test(String((err as Error).message))) throw err;
      retried.filings++;
      await sleep(1000);
    }
  }
}

/**
 * Decides as an approver would: a 503 (the workflow did not answer within the API's deadline) is
 * retried after a second, and a 409 `task_closed` on a retry means the earlier attempt went through.
 * Returns the time of the call that settled it.
 */
export async function decide(api: ApiClient, username: string, taskId: string, body: Record<string, unknown>): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await api.post(username, `/tasks/${taskId}/decision`, body)).ms;
    } catch (err) {
      const message = String((err as Error).message);
      if (attempt > 0 && message.includes('task_closed')) return NaN;
      if (attempt >= 10 || !/: (503|409) /.test(message)) throw err;
      retried.decisions++;
      await sleep(1000);
    }
  }
}

export async function openTask(db: Pool, subjectId: string, step: string, assigneeId: string): Promise<string> {
  // Generous: on a machine that is busy with other work, opening a step can take minutes of activity retries.
  for (const deadline = Date.now() + 10 * 60_000; Date.now() < deadline;) {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Task" WHERE "subjectId" = $1 AND step = $2 AND "assigneeId" = $3 AND status = 'open'`, [subjectId, step, assigneeId]);
    if (rows[0]) return rows[0].id;
    await sleep(10);
  }
  throw new Error(`no open ${step} task for ${subjectId}`);
}

/** The same chain on bare Temporal: start the workflow, then six updates one after another. */
let bareChains = 0;

export function bareChain(client: Client, taskQueue: string) {
  return async (decisionMs: number[]) => {
    const handle = await client.workflow.start('bareChain', { taskQueue, workflowId: `bare-chain-${process.pid}-${bareChains++}` });
    for (const d of CHAIN) {
      const t = performance.now();
      await handle.executeUpdate('step', { args: [d.step] });
      decisionMs.push(performance.now() - t);
    }
  };
}
