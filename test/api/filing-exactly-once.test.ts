import { startStack, Stack } from '../support/stack';
import { loanApplication } from '../support/loans';
import { filingId, reconcileFilings } from '../../api/start-workflows';
import { budgetWorkflowId } from '../../workflows/budget-messages';
import { loanWorkflowId } from '../../workflows/loan-messages';
import { DEFAULT_LOAN_LADDER } from '../../domain';
import { writeAudit } from '../../activities/audit';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const content = { amount: '73000.00', category: 'three_guarantees_personnel', purpose: '村级组织运转经费缺口', justification: '' };
const deps = () => ({ prisma: stack.prisma, temporal: stack.temporal, taskQueue: stack.taskQueue, remindAfter: '3 days' });
const running = async (workflowId: string) => (await stack.temporal.workflow.getHandle(workflowId).describe()).status.name;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** What the first attempt had committed when the API died: the row (and its audit event), the key in flight, no workflow. */
async function crashedBudgetFiling(userId: string, key: string, unitId: string) {
  const id = filingId('budget', userId, key);
  await stack.prisma.budgetRequest.create({
    data: {
      id, number: `ZJ-2026-9${Math.floor(Math.random() * 1e5)}`, unitId, fiscalYear: 2026, amount: content.amount, category: content.category,
      purpose: content.purpose, justification: '', threeGuarantees: true, generalPurpose: false, status: 'in_review', step: 'finance_review',
      round: 1, createdById: userId, workflowId: budgetWorkflowId(id), createdAt: minutesAgo(2),
      rounds: { create: { round: 1, content, submittedBy: userId } },
    },
  });
  await writeAudit(stack.prisma, { eventKey: `${id}:submitted`, actorId: userId, subjectType: 'budget', subjectId: id, data: { type: 'request_submitted', round: 1, amount: content.amount, category: content.category } });
  await stack.prisma.idempotencyRecord.create({ data: { userId, key, fingerprint: 'of the first attempt', createdAt: minutesAgo(2) } });
  return id;
}

describe('filing is exactly-once per Idempotency-Key', () => {
  it('a retry after the API died mid-filing completes the first filing: one request, its workflow running, its task open', async () => {
    const clerk = await stack.as('clerk_edu');
    const key = 'form-crash-budget-1';
    const id = await crashedBudgetFiling(clerk.userId, key, 'unit-jyj');
    await stack.prisma.idempotencyRecord.deleteMany({ where: { key } }); // the fingerprint differs from ours; a real retry's matches

    const retry = await clerk.post('/budget-requests', content, { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.body.request.id).toBe(id);
    expect(await stack.prisma.budgetRequest.count({ where: { createdById: clerk.userId } })).toBe(1);
    expect(await running(budgetWorkflowId(id))).toBe('RUNNING');
    await (await stack.as('reviewer')).taskFor(id, 'finance_review');
    expect(await stack.prisma.auditEvent.count({ where: { subjectId: id, type: 'request_submitted' } })).toBe(1);

    const again = await clerk.post('/budget-requests', content, { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body.request.id).toBe(id);
    expect(await stack.prisma.budgetRequest.count({ where: { createdById: clerk.userId } })).toBe(1);
  });

  it('a retry whose first attempt is still marked in flight, long after, runs again and files nothing twice', async () => {
    const clerk = await stack.as('clerk_water');
    const key = 'form-crash-budget-2';
    const body = { ...content, purpose: '防汛物资储备' };
    const first = await clerk.post('/budget-requests', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    // The API died before it could store its answer: the record is in flight, from long ago.
    await stack.prisma.idempotencyRecord.updateMany({ where: { userId: clerk.userId, key }, data: { statusCode: null, responseBody: undefined, createdAt: minutesAgo(5) } });
    const retries = await Promise.all([1, 2, 3].map(() => clerk.post('/budget-requests', body, { 'Idempotency-Key': key })));
    for (const r of retries) expect([201, 409]).toContain(r.status);
    expect(retries.filter((r) => r.status === 201).every((r) => r.body.request.id === first.body.request.id)).toBe(true);
    expect(await stack.prisma.budgetRequest.count({ where: { createdById: clerk.userId } })).toBe(1);
  });

  it('the same key with another body is refused, even when the first answer was lost', async () => {
    const clerk = await stack.as('clerk_health');
    const key = 'form-crash-budget-3';
    expect((await clerk.post('/budget-requests', content, { 'Idempotency-Key': key })).status).toBe(201);
    await stack.prisma.idempotencyRecord.deleteMany({ where: { userId: clerk.userId, key } });
    const other = await clerk.post('/budget-requests', { ...content, amount: '99.00' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('loans too: a retry after a crash mid-filing answers the one loan and starts its workflow', async () => {
    const clerk = await stack.as('clerk_water');
    const key = 'loan-crash-1';
    const app = loanApplication();
    const first = await clerk.post('/loans', app, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const id = first.body.loan.id as string;
    expect(id).toBe(filingId('loan', clerk.userId, key));
    // As if the API had died between the commit and the workflow start: no workflow, no stored answer.
    await stack.temporal.workflow.getHandle(loanWorkflowId(id)).terminate('simulating a filing that never started');
    await stack.prisma.loan.update({ where: { id }, data: { workflowStartedAt: null } });
    await stack.prisma.idempotencyRecord.deleteMany({ where: { userId: clerk.userId, key } });
    // A terminated run is a finished one: the retry must not start a second life for the same loan.
    const retry = await clerk.post('/loans', app, { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.body.loan.id).toBe(id);
    expect(await stack.prisma.loan.count({ where: { createdById: clerk.userId } })).toBe(1);
    const runs = [];
    for await (const w of stack.temporal.workflow.list({ query: `WorkflowId = '${loanWorkflowId(id)}'` })) runs.push(w);
    expect(runs.length).toBeLessThanOrEqual(1);
  });

  it('the reconciler starts the workflow of a row filed without one (the client never retried), once', async () => {
    const clerk = await stack.as('clerk_school');
    const unitId = (await stack.prisma.user.findUniqueOrThrow({ where: { id: clerk.userId } })).unitId!;
    const id = await crashedBudgetFiling(clerk.userId, 'form-never-retried', unitId);
    const loanId = filingId('loan', clerk.userId, 'loan-never-retried');
    await stack.prisma.loan.create({
      data: {
        id: loanId, number: 'JK-2026-990001', unitId, fiscalYear: 2026, amount: '5000.00', purpose: 'temporary_turnover', purposeDetails: '工资周转',
        repaymentSource: '转移支付', termMonths: 6, noOnLendingDeclared: true, fundsNewSpending: false, status: 'in_review', step: 'finance_review',
        ladder: DEFAULT_LOAN_LADDER as object, createdById: clerk.userId, workflowId: loanWorkflowId(loanId), createdAt: minutesAgo(2),
      },
    });

    expect(await reconcileFilings(deps())).toBe(2);
    expect(await running(budgetWorkflowId(id))).toBe('RUNNING');
    expect(await running(loanWorkflowId(loanId))).toBe('RUNNING');
    const reviewer = await stack.as('reviewer');
    await reviewer.taskFor(id, 'finance_review');
    await reviewer.taskFor(loanId, 'finance_review');
    expect(await reconcileFilings(deps())).toBe(0);
  });
});
