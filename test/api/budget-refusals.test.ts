import { startStack, Stack, call } from '../support/stack';
import { addYuan } from '../../domain';
import { THIS_YEAR } from '../support/years';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const request = (over: Record<string, unknown> = {}) => ({
  amount: '20000.00', category: 'project', purpose: '农村饮水安全维修', justification: '', ...over,
});
const countRequests = () => stack.prisma.budgetRequest.count();

describe('bad input is refused with the field or rule named, and nothing is written', () => {
  it('names each bad field with a 400', async () => {
    const clerk = await stack.as('clerk_edu');
    const before = await countRequests();
    const res = await clerk.post('/budget-requests', request({ amount: '12.5', category: 'luxury', purpose: '' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'category', 'purpose']);
    expect(await countRequests()).toBe(before);
  });

  it('refuses money given as a number rather than exact yuan', async () => {
    const clerk = await stack.as('clerk_edu');
    const res = await clerk.post('/budget-requests', request({ amount: 100.1 }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('amount');
  });

  it('R-B4: refuses general-purpose spending without a justification, citing the rule in Chinese', async () => {
    const clerk = await stack.as('clerk_edu');
    const before = await countRequests();
    const res = await clerk.post('/budget-requests', request({ category: 'general_purpose', justification: '需要' }));
    expect(res.status).toBe(422);
    expect(res.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-B4', zh: RULES['R-B4'].zh, field: 'justification' })]);
    expect(res.body.error.message).toContain('原则上不得追加一般性经费');
    expect(await countRequests()).toBe(before);
  });

  it('R-B4: accepts justified general-purpose spending and flags it', async () => {
    const clerk = await stack.as('clerk_edu');
    const res = await clerk.post('/budget-requests', request({ category: 'general_purpose', justification: '办公楼消防设施经检查不合格，必须在年内完成整改，否则停用。' }));
    expect(res.status).toBe(201);
    expect(res.body.request.flags.map((f: { ruleId: string }) => f.ruleId)).toEqual(['R-B4']);
  });

  it('R-B6: refuses a disbursement plan that does not add up to the amount', async () => {
    const clerk = await stack.as('clerk_edu');
    const res = await clerk.post('/budget-requests', request({ disbursementPlan: [{ month: '2026-11', amount: '10000.00' }, { month: '2026-12', amount: '9999.99' }] }));
    expect(res.status).toBe(422);
    expect(res.body.error.violations[0]).toMatchObject({ ruleId: 'R-B6', field: 'disbursementPlan' });
  });

  it('asks for the meeting reference when the meeting decides', async () => {
    const clerk = await stack.as('clerk_edu');
    const id = (await clerk.post('/budget-requests', request())).body.request.id;
    await decideAs('reviewer', id, { action: 'approve' });
    for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) await decideAs(leader, id, { action: 'acknowledge' });
    const res = await decideAs('meeting_secretary', id, { action: 'approve', meetingKind: 'executive' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'missing_field', field: 'meetingReference' });
    const detail = await clerk.get(`/budget-requests/${id}`);
    expect(detail.body.request.step).toBe('executive_meeting');
  });
});

describe('who may do what', () => {
  it('refuses requests without a login', async () => {
    const res = await call(stack.baseUrl, 'GET', '/budget-requests');
    expect(res.status).toBe(401);
  });

  it('lets only department clerks file requests', async () => {
    const reviewer = await stack.as('reviewer');
    const res = await reviewer.post('/budget-requests', request());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('wrong_role');
  });

  it('shows clerks only their own unit, and refuses another unit’s request', async () => {
    const edu = await stack.as('clerk_edu');
    const water = await stack.as('clerk_water');
    const id = (await edu.post('/budget-requests', request())).body.request.id;
    expect((await water.get(`/budget-requests/${id}`)).status).toBe(403);
    const list = await water.get('/budget-requests');
    expect(list.body.items.every((r: { unitId: string }) => r.unitId === 'unit-slj')).toBe(true);
    const auditor = await stack.as('auditor');
    expect((await auditor.get(`/budget-requests/${id}`)).status).toBe(200);
  });

  it('refuses a resubmission by a clerk of another unit', async () => {
    const edu = await stack.as('clerk_edu');
    const id = (await edu.post('/budget-requests', request())).body.request.id;
    await decideAs('reviewer', id, { action: 'return', comment: '补充材料' });
    await edu.taskFor(id, 'revision');
    const other = await stack.as('clerk_water');
    expect((await other.post(`/budget-requests/${id}/resubmit`, request())).status).toBe(403);
  });

  it('refuses a decision on someone else’s task', async () => {
    const edu = await stack.as('clerk_edu');
    const id = (await edu.post('/budget-requests', request())).body.request.id;
    const reviewerTask = await (await stack.as('reviewer')).taskFor(id);
    const secretary = await stack.as('meeting_secretary');
    const res = await secretary.post(`/tasks/${reviewerTask.id}/decision`, { action: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_assignee');
  });

  it('refuses, in the workflow itself, a decision by someone who no longer holds the step’s role', async () => {
    const edu = await stack.as('clerk_edu');
    const id = (await edu.post('/budget-requests', request())).body.request.id;
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(id);
    await stack.prisma.user.update({ where: { id: reviewer.userId }, data: { roles: ['auditor'] } });
    try {
      const res = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('wrong_role');
    } finally {
      await stack.prisma.user.update({ where: { id: reviewer.userId }, data: { roles: ['finance_reviewer'] } });
    }
    expect((await edu.get(`/budget-requests/${id}`)).body.request.step).toBe('finance_review');
  });

  it('refuses deciding the same task twice', async () => {
    const edu = await stack.as('clerk_edu');
    const id = (await edu.post('/budget-requests', request())).body.request.id;
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(id);
    expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve' })).status).toBe(200);
    const twice = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'reject', comment: '改主意了' });
    expect(twice.status).toBe(409);
  });

  it('lets only the finance director set fiscal-year figures, and never below what is held (R-B3)', async () => {
    // Requests are filed in the current China year, where this file's earlier tests already hold money.
    const before = (await (await stack.as('director')).get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear;
    const held = addYuan(before.reserved, before.committed);
    const figures = { generalBudgetExpenditure: '100.00', fundBudgetExpenditure: '10.00', availableResources: addYuan(held, '5.00'), reason: '财力调整', documentReference: '东财预〔2026〕1号' };
    const reviewer = await stack.as('reviewer');
    expect((await reviewer.put(`/fiscal-years/${THIS_YEAR}`, figures)).status).toBe(403);
    const director = await stack.as('director');
    const set = await director.put(`/fiscal-years/${THIS_YEAR}`, figures);
    expect(set.status).toBe(200);
    expect(set.body.fiscalYear).toMatchObject({ year: THIS_YEAR, availableResources: figures.availableResources, remaining: '5.00' });

    const edu = await stack.as('clerk_edu');
    const id = (await edu.post('/budget-requests', request({ amount: '4.00' }))).body.request.id;
    await decideAs('reviewer', id, { action: 'approve' });
    const lower = await director.put(`/fiscal-years/${THIS_YEAR}`, { ...figures, availableResources: addYuan(held, '3.99'), reason: '财力下调', documentReference: '东财预〔2026〕2号' });
    expect(lower.status).toBe(422);
    expect(lower.body.error.violations[0].ruleId).toBe('R-B3');
  });
});

async function decideAs(username: string, requestId: string, body: Record<string, unknown>) {
  const user = await stack.as(username);
  const task = await user.taskFor(requestId);
  return user.post(`/tasks/${task.id}/decision`, body);
}
