import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startStack, Stack } from '../support/stack';
import { setupTracing } from '../../observability/tracing';

// Tracing is set up before the worker and the client exist, as main/ does (OTEL_TRACES_EXPORTER).
const exporter = new InMemorySpanExporter();
let tracing: { shutdown: () => Promise<void> };
let stack: Stack;
beforeAll(async () => {
  tracing = setupTracing({ exporter, serviceName: 'county-approvals-test' });
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
  await tracing?.shutdown();
});

async function spanNamed(name: string, traceId?: string): Promise<ReadableSpan> {
  for (let i = 0; i < 100; i++) {
    const span = exporter.getFinishedSpans().find((s) => s.name === name && (!traceId || s.spanContext().traceId === traceId));
    if (span) return span;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no span ${name}; saw ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
}

describe('one trace from the HTTP request to the activity', () => {
  it('files a request: the HTTP span is the parent of the workflow start, and the step-opening activity is in the same trace', async () => {
    const clerk = await stack.as('clerk_water');
    const filed = await clerk.post('/budget-requests', { amount: '30000.00', category: 'three_guarantees_personnel', purpose: '防汛值守人员补助', justification: '' });
    expect(filed.status).toBe(201);

    const http = await spanNamed('POST /api/budget-requests');
    const traceId = http.spanContext().traceId;
    expect(http.attributes).toMatchObject({ 'http.route': '/api/budget-requests', 'http.response.status_code': 201 });
    const start = await spanNamed('StartWorkflow:budgetRequestWorkflow', traceId);
    expect(start.parentSpanId).toBe(http.spanContext().spanId);
    const activity = await spanNamed('RunActivity:openStepTasks', traceId);
    // activity ← StartActivity (in the workflow) ← RunWorkflow (open while the request waits) ← StartWorkflow ← HTTP
    const scheduled = await spanNamed('StartActivity:openStepTasks', traceId);
    expect(activity.parentSpanId).toBe(scheduled.spanContext().spanId);
  });

  it('decides a task: the decision\'s HTTP span leads through the workflow update to the activity that records it', async () => {
    const clerk = await stack.as('clerk_water');
    const filed = await clerk.post('/budget-requests', { amount: '20000.00', category: 'three_guarantees_personnel', purpose: '汛期水文监测人员补助', justification: '' });
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(filed.body.request.id, 'finance_review');
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const decided = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve' }, { traceparent: `00-${traceId}-b7ad6b7169203331-01` });
    expect(decided.status).toBe(200);

    const http = await spanNamed('POST /api/tasks/:id/decision', traceId);
    const update = await spanNamed('StartWorkflowUpdate:decide', traceId);
    expect(update.parentSpanId).toBe(http.spanContext().spanId);
    await spanNamed('HandleUpdate:decide', traceId);
    await spanNamed('RunActivity:recordDecision', traceId);
  });

  it('continues a trace the caller started (W3C traceparent)', async () => {
    const clerk = await stack.as('clerk_water');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await clerk.post('/budget-requests', { amount: 'not money' }, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    const http = await spanNamed('POST /api/budget-requests', traceId);
    expect(http.parentSpanId).toBe('00f067aa0ba902b7');
  });
});
