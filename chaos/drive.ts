/**
 * What the chaos run's clients do: file budget requests and loans with an Idempotency-Key and walk
 * them to the end over HTTP, retrying every call as a patient user would, and noting every answer
 * that matters (503s, and whether each was truthful or recovered).
 */
import type { PrismaClient } from '../prisma/client';
import { chinaDate } from '../domain';

export interface Tally {
  filings: { budget: number; loan: number };
  /** ids the API answered 201 for, by Idempotency-Key */
  filed: Map<string, string>;
  /** decisions the API answered 200 for: `${taskId}` → action */
  decided: Map<string, string>;
  calls: number;
  status: Record<string, number>;
  /** 503s on decisions: the outcome was pending and it had landed (truthful), a retry decided (recovered), or it lied */
  decision503: { truthful: number; recovered: number; untruthful: number };
  /** 503s elsewhere (filing, disbursement, repayment) followed by success */
  other503: { recovered: number; unresolved: number };
  networkErrors: number;
}

export const newTally = (): Tally => ({
  filings: { budget: 0, loan: 0 }, filed: new Map(), decided: new Map(), calls: 0, status: {},
  decision503: { truthful: 0, recovered: 0, untruthful: 0 }, other503: { recovered: 0, unresolved: 0 }, networkErrors: 0,
});

interface Res { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETRYABLE = (r: Res) => r.status >= 500 || r.status === 429 || (r.status === 409 && r.body?.error?.code === 'request_in_progress');

export class Driver {
  private tokens = new Map<string, string>();
  constructor(private base: string, private prisma: PrismaClient, private tally: Tally, private deadline: () => number) {}

  private async raw(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<Res> {
    this.tally.calls++;
    const res = await fetch(`${this.base}${path}`, {
      method, signal: AbortSignal.timeout(45_000),
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const r: Res = { status: res.status, body: text ? safeJson(text) : undefined };
    const k = `${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`;
    this.tally.status[k] = (this.tally.status[k] ?? 0) + 1;
    return r;
  }

  /** One call, retried through outages until it gets an answer that is not "try again". */
  async call(method: string, path: string, o: { body?: unknown; as?: string; key?: string; onRetryable?: (r: Res) => void; answer503?: boolean } = {}): Promise<Res> {
    for (;;) {
      if (Date.now() > this.deadline()) throw new Error(`gave up on ${method} ${path}`);
      try {
        const token = o.as ? await this.login(o.as) : undefined;
        const r = await this.raw(method, path, o.body, token, o.key ? { 'Idempotency-Key': o.key } : {});
        if (r.status === 401 && o.as) { this.tokens.delete(o.as); continue; }
        if (!RETRYABLE(r) || (o.answer503 && r.status === 503)) return r;
        o.onRetryable?.(r);
      } catch {
        this.tally.networkErrors++;
      }
      await sleep(300 + Math.random() * 700);
    }
  }

  private async login(username: string): Promise<string> {
    const seen = this.tokens.get(username);
    if (seen) return seen;
    const r = await this.call('POST', '/auth/login', { body: { username, password: 'demo1234' } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
    this.tokens.set(username, r.body.token);
    return r.body.token;
  }

  /** Reads the database, retrying while PostgreSQL is down. */
  async db<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      if (Date.now() > this.deadline()) throw new Error('gave up reading the database');
      try { return await fn(); } catch { await sleep(500); }
    }
  }

  /** Files with a key; retries (same key) until 201, so exactly one row must come of it. */
  async file(kind: 'budget' | 'loan', as: string, key: string, body: unknown): Promise<string> {
    let saw503 = false;
    const r = await this.call('POST', kind === 'budget' ? '/budget-requests' : '/loans', { as, key, body, onRetryable: (x) => { if (x.status === 503) saw503 = true; } });
    if (r.status !== 201) throw new Error(`filing ${key}: ${r.status} ${JSON.stringify(r.body)}`);
    const id = kind === 'budget' ? r.body.request.id : r.body.loan.id;
    if (saw503) this.tally.other503.recovered++;
    this.tally.filings[kind]++;
    this.tally.filed.set(key, id);
    return id;
  }

  /** Decides a task as its assignee, retrying the same decision through outages. */
  async decide(taskId: string, as: string, decision: Record<string, unknown>): Promise<void> {
    let pending = 0;
    const r = await this.call('POST', `/tasks/${taskId}/decision`, {
      as, body: decision, onRetryable: (x) => { if (x.status === 503) pending++; },
    });
    if (r.status === 200) {
      if (pending) {
        if (r.body.replayed) this.tally.decision503.truthful += pending;
        else this.tally.decision503.recovered += pending;
      }
      this.tally.decided.set(taskId, String(decision.action));
      return;
    }
    if (pending) this.tally.decision503.untruthful += pending;
    throw new Error(`decision on ${taskId}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  /** The subject's open tasks at `step`, waiting for the workflow to open them. */
  async openTasks(subjectId: string, step: string, round = 1) {
    for (;;) {
      if (Date.now() > this.deadline()) throw new Error(`no open tasks for ${subjectId} at ${step}`);
      const tasks = await this.db(() => this.prisma.task.findMany({ where: { subjectId, step, round, status: 'open' }, include: { assignee: true } }));
      if (tasks.length) return tasks;
      await sleep(300);
    }
  }

  /** A supplementary budget from filing to execution (R-B2). */
  async budgetChain(n: number): Promise<void> {
    const clerk = ['clerk_edu', 'clerk_health', 'clerk_water', 'clerk_school'][n % 4];
    const id = await this.file('budget', clerk, `chaos-budget-${n}`, {
      amount: '1000.00', category: 'three_guarantees_operations', purpose: `故障演练 ${n}`, justification: '',
    });
    for (const [step, decision] of [
      ['finance_review', { action: 'approve' }],
      ['leader_briefing', { action: 'acknowledge' }],
      ['executive_meeting', { action: 'approve', meetingKind: 'executive', meetingReference: `常务会议〔2026〕${n}号` }],
      ['npc_approval', { action: 'approve', resolutionReference: `人大常委会批复〔2026〕${n}号` }],
    ] as const) {
      const tasks = await this.openTasks(id, step);
      for (const t of tasks) await this.decide(t.id, t.assignee.username, decision);
    }
    await this.waitFor(id, 'budget', 'executed');
  }

  /** A loan from application to full repayment (R-L6, R-L4, R-L10). */
  async loanChain(n: number): Promise<void> {
    const clerk = ['clerk_edu', 'clerk_health', 'clerk_water'][n % 3];
    const id = await this.file('loan', clerk, `chaos-loan-${n}`, {
      amount: '1000.00', purpose: 'temporary_turnover', purposeDetails: `故障演练周转 ${n}`, repaymentSource: '下月转移支付',
      termMonths: 6, noOnLendingDeclared: true, fundsNewSpending: false,
    });
    for (const [step, decision] of [
      ['finance_review', { action: 'approve' }],
      ['executive_meeting', { action: 'approve', meetingKind: 'executive', meetingReference: `常务会议〔2026〕借${n}号` }],
    ] as const) {
      const tasks = await this.openTasks(id, step);
      await this.decide(tasks[0].id, tasks[0].assignee.username, decision);
    }
    await this.openTasks(id, 'disbursement');
    let saw503 = false;
    for (;;) {
      // A disbursement whose answer was lost may already have happened: look before trying again.
      const loan = await this.db(() => this.prisma.loan.findUniqueOrThrow({ where: { id } }));
      if (loan.disbursedAt) break;
      const r = await this.call('POST', `/loans/${id}/disburse`, { as: 'treasury', body: { reference: `拨款 ${n}` }, answer503: true });
      if (r.status === 200) break;
      if (r.status === 503) { saw503 = true; await sleep(1000); continue; }
      const after = await this.db(() => this.prisma.loan.findUniqueOrThrow({ where: { id } }));
      if (r.status === 409 && after.disbursedAt) break;
      if (saw503) this.tally.other503.unresolved++;
      throw new Error(`disburse ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    if (saw503) this.tally.other503.recovered++;
    await this.waitFor(id, 'loan', 'repayment');
    const today = chinaDate(Date.now());
    const r = await this.call('POST', `/loans/${id}/repayments`, { as: 'treasury', body: { paymentId: `chaos-pay-${n}`, amount: '1000.00', paidOn: today } });
    if (r.status !== 200 && r.status !== 201) throw new Error(`repayment ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    await this.waitFor(id, 'loan', 'closed');
  }

  /** Waits until the subject reaches `step` (the workflow records it through an activity). */
  async waitFor(id: string, kind: 'budget' | 'loan', step: string): Promise<void> {
    for (;;) {
      if (Date.now() > this.deadline()) throw new Error(`${kind} ${id} never reached ${step}`);
      const row: { step: string } | null = await this.db(async () => (kind === 'budget'
        ? this.prisma.budgetRequest.findUnique({ where: { id }, select: { step: true } })
        : this.prisma.loan.findUnique({ where: { id }, select: { step: true } })));
      if (row?.step === step) return;
      await sleep(300);
    }
  }
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return { raw: text.slice(0, 200) }; }
}
