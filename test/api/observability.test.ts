import { startStack, Stack, UserClient } from '../support/stack';
import { decideLoanTask, loanApplication } from '../support/loans';
import { logger, redirectLogs } from '../../observability/logger';
import { DEMO_USERS } from '../../prisma/seed';
import { linksOf, mailFor } from '../support/email-links';
import { serveMetrics } from '../../observability/metrics-server';
import { until } from '../support/until';

let stack: Stack;
let lines: Record<string, unknown>[] = [];
let restoreLogs: () => void;
const level = logger.level;
beforeAll(async () => {
  stack = await startStack();
  // Read back what operators would see on standard output.
  restoreLogs = redirectLogs({ write: (line: string) => lines.push(JSON.parse(line)) });
  logger.level = 'info';
});
afterAll(async () => {
  logger.level = level;
  restoreLogs?.();
  await stack?.stop();
});

const budgetRequest = { amount: '80000.00', category: 'three_guarantees_personnel', purpose: '乡镇卫生院人员工资缺口', justification: '' };

async function eventually<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never saw ${what}`);
}

const metrics = async () => (await fetch(`${stack.origin}/metrics`)).text();
/** The value of one series in the Prometheus text, e.g. `approvals_pending_tasks{subject="budget",step="finance_review"}`. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('operators see what happens: JSON logs with a request id, /metrics', () => {
  let clerk: UserClient;
  beforeAll(async () => { clerk = await stack.as('clerk_health'); });

  it('answers with the caller\'s well-formed X-Request-Id, makes one up otherwise, and logs each request as one JSON line', async () => {
    const mine = await clerk.post('/budget-requests', budgetRequest, { 'X-Request-Id': 'filing-0001-abcdef' });
    expect(mine.status).toBe(201);
    expect(mine.headers.get('x-request-id')).toBe('filing-0001-abcdef');

    const odd = await clerk.post('/budget-requests', { ...budgetRequest, amount: 'lots' }, { 'X-Request-Id': 'has spaces\tand tabs' });
    expect(odd.status).toBe(400);
    const made = odd.headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);

    const filed = await eventually(() => lines.find((l) => l.requestId === 'filing-0001-abcdef' && l.msg === 'POST /api/budget-requests 201'), Boolean, 'the filing\'s log line');
    expect(filed).toMatchObject({ level: 'info', route: '/api/budget-requests', res: { statusCode: 201 }, userId: clerk.userId, req: { method: 'POST', url: '/api/budget-requests' } });
    expect(typeof filed!.time).toBe('string');
    expect(filed!.req).not.toHaveProperty('headers'); // the bearer token never reaches a log
    expect(lines.find((l) => l.requestId === made)).toMatchObject({ route: '/api/budget-requests', res: { statusCode: 400 } });
  });

  it('carries the request id of a decision into the workflow and the activity that records it', async () => {
    const filed = await clerk.post('/budget-requests', budgetRequest);
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(filed.body.request.id, 'finance_review');
    const decided = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意' }, { 'X-Request-Id': 'decision-0001-abcdef' });
    expect(decided.status).toBe(200);

    const activity = await eventually(
      () => lines.find((l) => l.requestId === 'decision-0001-abcdef' && l.activityType === 'recordDecision' && l.msg === 'activity completed'), Boolean,
      'the recordDecision activity\'s line with the decision\'s request id');
    expect(activity).toMatchObject({ level: 'info', sdkComponent: 'activity', workflowId: `budget-${filed.body.request.id}`, workflowType: 'budgetRequestWorkflow' });
    expect(typeof activity!.durationMs).toBe('number');
    expect(activity).not.toHaveProperty('taskToken'); // it would let a reader of the logs complete the activity
    // The HTTP line of the same request, so one grep finds both.
    expect(lines.some((l) => l.requestId === 'decision-0001-abcdef' && l.route === '/api/tasks/:id/decision')).toBe(true);
  });

  it('keeps the request id through a router\'s own body parser: a decision confirmed from an e-mail link', async () => {
    const filed = (await clerk.post('/budget-requests', budgetRequest)).body.request;
    const { approve } = linksOf(stack, await mailFor(stack, 'reviewer', filed.number, '财政局审核'));
    const res = await fetch(approve, { method: 'POST', body: new URLSearchParams({ comment: '邮件同意' }), headers: { 'X-Request-Id': 'mail-decision-0001' }, redirect: 'manual' });
    expect(res.status).toBe(200);
    await eventually(() => lines.find((l) => l.requestId === 'mail-decision-0001' && l.activityType === 'recordDecision'), Boolean, 'the e-mail decision\'s activity line');
  });

  it('keeps e-mail decision tokens out of the log', async () => {
    await fetch(`${stack.origin}/email-actions/not-a-real-token-123`);
    const line = await eventually(() => lines.find((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/email-actions/')), Boolean, 'the e-mail link line');
    expect((line!.req as { url: string }).url).toBe('/email-actions/:token');
    expect(JSON.stringify(lines)).not.toContain('not-a-real-token-123');
    expect(lines.some((l) => JSON.stringify(l).includes('/email-actions/') && !JSON.stringify(l).includes('/email-actions/:token'))).toBe(false);
  });

  it('exposes HTTP latency by route template and status, Node\'s and the Temporal SDK\'s own series', async () => {
    await clerk.get('/budget-requests/does-not-exist');
    await clerk.get('/no-such-endpoint');
    await fetch(`${stack.origin}/tasks/some-task-id`); // a page of the web app
    // the mail outbox counts a step's mails once they are sent (just after the mail server has them)
    const text = await until(metrics, (t) => /^mail_outbox_runs_total\{kind="step_opened",outcome="sent"\} [1-9]/m.test(t), 300);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/api/budget-requests",status="201"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/api/budget-requests/:id",status="404"}')).toBe(1);
    expect(text).not.toContain('does-not-exist');
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="web app",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    // the worker in this process: workflow and activity task metrics of the SDK, on the same page
    // (decisions are recorded and steps opened by local activities, a step's mails by the mail outbox)
    expect(text).toMatch(/^temporal_local_activity_execution_latency_count\{.*activity_type="recordDecision".*\} [1-9]/m);
    expect(text).toMatch(/^temporal_local_activity_execution_latency_count\{.*activity_type="openStepTasks".*\} [1-9]/m);
    expect(text).toMatch(/^temporal_workflow_task_execution_latency_count\{.*workflow_type="budgetRequestWorkflow".*\} [1-9]/m);
  });

  it('counts open tasks by step: a new request opens one finance review task per reviewer', async () => {
    const before = sample(await metrics(), 'approvals_pending_tasks{subject="budget",step="finance_review"}')!;
    const filed = await clerk.post('/budget-requests', budgetRequest);
    await (await stack.as('reviewer')).taskFor(filed.body.request.id, 'finance_review');
    const reviewers = DEMO_USERS.filter((u) => u.roles.includes('finance_reviewer')).length;
    const text = await metrics();
    expect(sample(text, 'approvals_pending_tasks{subject="budget",step="finance_review"}')).toBe(before + reviewers);
    expect(sample(text, 'approvals_pending_tasks{subject="loan",step="executive_meeting"}')).toBe(0);
    expect(sample(text, 'approvals_pending_task_oldest_age_seconds{subject="budget",step="finance_review"}')).toBeGreaterThanOrEqual(0);
  });

  it('shows the advances held against the R-L8 cap once the finance review reserves a loan', async () => {
    const loanClerk = await stack.as('clerk_edu');
    const loan = (await loanClerk.post('/loans', loanApplication({ amount: '500000.00' }))).body.loan;
    expect((await decideLoanTask(stack, 'reviewer', loan.id, { action: 'approve' })).status).toBe(200);
    const { position } = (await (await stack.as('director')).get('/advances/2026')).body;
    expect(position.held).toBe('500000.00');

    const text = await metrics();
    expect(sample(text, 'approvals_advances_held_yuan{fiscal_year="2026"}')).toBe(500000);
    expect(sample(text, 'approvals_advances_cap_yuan{fiscal_year="2026"}')).toBe(Number(position.cap));
    expect(sample(text, 'approvals_advances_ratio{fiscal_year="2026"}')).toBeCloseTo(500000 / Number(position.cap), 12);
  });

  it('serves a worker\'s own /metrics on METRICS_PORT, behind METRICS_TOKEN when one is set', async () => {
    const server = await serveMetrics({ port: 0, host: '127.0.0.1', token: 'scraper-secret-0123456789' });
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`;
      const anonymous = await fetch(url);
      expect(anonymous.status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status).toBe(401);
      const scraped = await fetch(url, { headers: { authorization: 'Bearer scraper-secret-0123456789' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/^temporal_workflow_task_execution_latency_count\{/m);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
