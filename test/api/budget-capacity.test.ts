import { startStack, Stack } from '../support/stack';
import { THIS_YEAR } from '../support/years';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const request = (over: Record<string, unknown> = {}) => ({
  amount: '1000000.00', category: 'project', purpose: '乡村道路养护', justification: '', ...over,
});

describe('R-B3 不得超财力追加: available resources are reserved atomically', () => {
  it('lets 20 concurrent finance approvals reserve only what fits, never more', async () => {
    const director = await stack.as('director');
    await director.put(`/fiscal-years/${THIS_YEAR}`, { generalBudgetExpenditure: '900000000.00', fundBudgetExpenditure: '100000000.00', availableResources: '5500000.00', reason: '测试调整', documentReference: '东财预〔2026〕9号' });
    const clerks = await Promise.all(['clerk_edu', 'clerk_health', 'clerk_water', 'clerk_school'].map((n) => stack.as(n)));
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await clerks[i % 4].post('/budget-requests', request())).body.request.id);
    const reviewer = await stack.as('reviewer');
    const tasks = await Promise.all(ids.map((id) => reviewer.taskFor(id)));

    const results = await Promise.all(tasks.map((t) => reviewer.post(`/tasks/${t.id}/decision`, { action: 'approve' })));

    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 422);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.body.error.violations[0]).toMatchObject({ ruleId: 'R-B3', zh: '要做到收支平衡，不得超财力追加形成财政赤字' });
    const fy = (await director.get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear;
    expect(fy).toMatchObject({ reserved: '5000000.00', remaining: '500000.00' });
    const held = await stack.prisma.reservation.count({ where: { fiscalYear: THIS_YEAR, status: 'reserved' } });
    expect(held).toBe(5);
  });

  it('leaves a refused request in finance review, where the reviewer can still reject it', async () => {
    const clerk = await stack.as('clerk_edu');
    const id = (await clerk.post('/budget-requests', request({ amount: '999999999.00' }))).body.request.id;
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(id);
    const refused = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('R-B3');
    expect((await clerk.get(`/budget-requests/${id}`)).body.request.step).toBe('finance_review');
    const rejected = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'reject', comment: '超出可用财力' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.request.status).toBe('rejected');
  });

  it('refuses a fiscal year chosen by the clerk: a request belongs to the China year it is filed in', async () => {
    const clerk = await stack.as('clerk_edu');
    const res = await clerk.post('/budget-requests', request({ fiscalYear: 2035, amount: '1.00' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'fiscalYear', message: expect.stringContaining('预算年度由系统按提交时的北京时间确定') }]);
  });
});

describe('Idempotency-Key', () => {
  it('returns the same request for a retried submit and files it once', async () => {
    const clerk = await stack.as('clerk_school');
    const before = await stack.prisma.budgetRequest.count();
    const headers = { 'Idempotency-Key': 'form-7d1c2e' };
    const first = await clerk.post('/budget-requests', request({ amount: '800.00' }), headers);
    const again = await clerk.post('/budget-requests', request({ amount: '800.00' }), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.request.id).toBe(first.body.request.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await stack.prisma.budgetRequest.count()).toBe(before + 1);
  });

  it('files concurrent retries once', async () => {
    const clerk = await stack.as('clerk_school');
    const before = await stack.prisma.budgetRequest.count();
    const headers = { 'Idempotency-Key': 'form-concurrent' };
    const results = await Promise.all([1, 2, 3].map(() => clerk.post('/budget-requests', request({ amount: '900.00' }), headers)));
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await stack.prisma.budgetRequest.count()).toBe(before + 1);
  });

  it('refuses the same key with a different body', async () => {
    const clerk = await stack.as('clerk_school');
    const headers = { 'Idempotency-Key': 'form-reused' };
    await clerk.post('/budget-requests', request({ amount: '700.00' }), headers);
    const other = await clerk.post('/budget-requests', request({ amount: '701.00' }), headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });
});
