import { startStack, Stack, call } from '../support/stack';
import { THIS_YEAR } from '../support/years';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const policy = (over: Record<string, unknown> = {}) => ({
  title: '农村教师生活补助', summary: '对乡村学校在岗教师按月发放生活补助，每人每月500元。', yearlyCost: '3600000.00', scope: '全县乡村学校在岗教师', ...over,
});
const budget = (over: Record<string, unknown> = {}) => ({ amount: '300000.00', category: 'project', purpose: '发放农村教师生活补助', justification: '', ...over });
const countPolicies = () => stack.prisma.policy.count();

describe('a drafting unit files a major spending-increase policy (R-B9)', () => {
  it('files it with its yearly cost at the affordability assessment, numbered and audited, in the China year of filing', async () => {
    const clerk = await stack.as('clerk_edu');
    const res = await clerk.post('/policies', policy());
    expect(res.status).toBe(201);
    expect(res.body.policy).toMatchObject({
      number: expect.stringMatching(new RegExp(`^ZC-${THIS_YEAR}-\\d{6}$`)), fiscalYear: THIS_YEAR, unitId: 'unit-jyj', yearlyCost: '3600000.00',
      status: 'in_review', step: 'affordability_assessment', stepLabel: { zh: '财政可承受能力评估', en: 'Affordability assessment' }, assessment: null,
    });
    const detail = await clerk.get(`/policies/${res.body.policy.id}`);
    expect(detail.status).toBe(200);
    // filing starts its R-B9 chain, whose opened tasks follow in the trail
    expect(detail.body.audit.slice(0, 1)).toEqual([expect.objectContaining({ type: 'policy_filed', actorId: clerk.userId, data: expect.objectContaining({ yearlyCost: '3600000.00', title: '农村教师生活补助' }) })]);
    expect(detail.body.budgetRequests).toEqual([]);
  });

  it('names every bad field with a 400 and writes nothing', async () => {
    const clerk = await stack.as('clerk_edu');
    const before = await countPolicies();
    const res = await clerk.post('/policies', policy({ title: '', summary: '太短', yearlyCost: 3600000 }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['summary', 'title', 'yearlyCost']);
    const year = await clerk.post('/policies', policy({ fiscalYear: THIS_YEAR }));
    expect(year.status).toBe(400);
    expect(year.body.error.fields[0].field).toBe('fiscalYear');
    expect(await countPolicies()).toBe(before);
  });

  it('lets only a department clerk file one', async () => {
    const res = await (await stack.as('reviewer')).post('/policies', policy());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('wrong_role');
    expect((await call(stack.baseUrl, 'POST', '/policies', { body: policy() })).status).toBe(401);
  });

  it('files once per Idempotency-Key, and refuses the key reused for another policy', async () => {
    const clerk = await stack.as('clerk_health');
    const key = 'policy-form-1';
    const first = await clerk.post('/policies', policy({ title: '村医补助' }), { 'Idempotency-Key': key });
    const retry = await clerk.post('/policies', policy({ title: '村医补助' }), { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.policy.id).toBe(first.body.policy.id);
    // the stored answer lost: the row itself answers the retry
    await stack.prisma.idempotencyRecord.deleteMany({ where: { key } });
    const again = await clerk.post('/policies', policy({ title: '村医补助' }), { 'Idempotency-Key': key });
    expect(again.body.policy.id).toBe(first.body.policy.id);
    await stack.prisma.idempotencyRecord.deleteMany({ where: { key } });
    const other = await clerk.post('/policies', policy({ title: '村医补助', yearlyCost: '1.00' }), { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await stack.prisma.policy.count({ where: { title: '村医补助' } })).toBe(1);
    expect(await stack.prisma.auditEvent.count({ where: { subjectId: first.body.policy.id, type: 'policy_filed' } })).toBe(1);
  });
});

describe('who sees which policy', () => {
  it('a clerk sees their own unit’s policies and every policy in force, not another unit’s in review', async () => {
    const edu = await stack.as('clerk_edu');
    const water = await stack.as('clerk_water');
    const inReview = (await edu.post('/policies', policy({ title: '学前教育资助' }))).body.policy;
    const inForce = (await edu.post('/policies', policy({ title: '营养午餐补助' }))).body.policy;
    await stack.prisma.policy.update({ where: { id: inForce.id }, data: { status: 'in_force', step: 'in_force', filingReference: '州政备〔2026〕7号' } });

    expect((await water.get(`/policies/${inReview.id}`)).status).toBe(403);
    expect((await water.get(`/policies/${inForce.id}`)).status).toBe(200);
    const seen = (await water.get('/policies')).body.items.map((p: { id: string }) => p.id);
    expect(seen).toContain(inForce.id);
    expect(seen).not.toContain(inReview.id);
    const active = (await water.get('/policies?status=in_force')).body;
    expect(active.items.every((p: { status: string }) => p.status === 'in_force')).toBe(true);

    const reviewer = await stack.as('reviewer');
    expect((await reviewer.get(`/policies/${inReview.id}`)).status).toBe(200);
    expect((await reviewer.get('/policies?q=学前')).body.items.map((p: { id: string }) => p.id)).toEqual([inReview.id]);
    expect((await reviewer.get('/policies/no-such-policy')).status).toBe(404);
    expect((await reviewer.get('/policies?status=nonsense')).status).toBe(400);
  });
});

describe('R-B9: a supplementary budget implementing a policy must name one in force', () => {
  it('refuses a policy still in review, citing R-B9 in Chinese, and files nothing', async () => {
    const clerk = await stack.as('clerk_edu');
    const p = (await clerk.post('/policies', policy({ title: '教师周转房补助' }))).body.policy;
    const before = await stack.prisma.budgetRequest.count();
    const res = await clerk.post('/budget-requests', budget({ policyId: p.id }));
    expect(res.status).toBe(422);
    expect(res.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-B9', zh: RULES['R-B9'].zh, field: 'policyId' })]);
    expect(res.body.error.message).toContain('应提前报上级政府备案后执行');
    expect(res.body.error.violations[0].detail).toContain('财政可承受能力评估');
    expect(await stack.prisma.budgetRequest.count()).toBe(before);
  });

  it('refuses a policy assessed unaffordable and one that does not exist', async () => {
    const clerk = await stack.as('clerk_edu');
    const p = (await clerk.post('/policies', policy({ title: '高额奖励政策' }))).body.policy;
    await stack.prisma.policy.update({ where: { id: p.id }, data: { status: 'not_affordable', step: 'not_affordable', assessmentOutcome: 'unaffordable' } });
    const ended = await clerk.post('/budget-requests', budget({ policyId: p.id }));
    expect(ended.status).toBe(422);
    expect(ended.body.error.violations[0].detail).toContain('一律不得实施');
    const missing = await clerk.post('/budget-requests', budget({ policyId: 'no-such-policy' }));
    expect(missing.status).toBe(422);
    expect(missing.body.error.violations[0]).toMatchObject({ ruleId: 'R-B9', field: 'policyId' });
  });

  it('files a request naming a policy in force, which then lists it', async () => {
    const edu = await stack.as('clerk_edu');
    const p = (await edu.post('/policies', policy({ title: '乡村教师交通补助' }))).body.policy;
    await stack.prisma.policy.update({ where: { id: p.id }, data: { status: 'in_force', step: 'in_force', filingReference: '州政备〔2026〕9号' } });
    const school = await stack.as('clerk_school');
    const res = await school.post('/budget-requests', budget({ policyId: p.id }));
    expect(res.status).toBe(201);
    expect(res.body.request.policyId).toBe(p.id);
    const request = await school.get(`/budget-requests/${res.body.request.id}`);
    expect(request.body.policy).toMatchObject({ id: p.id, number: p.number, status: 'in_force' });
    const detail = await (await stack.as('reviewer')).get(`/policies/${p.id}`);
    expect(detail.body.budgetRequests).toEqual([expect.objectContaining({ id: res.body.request.id, amount: '300000.00' })]);
    // the drafting unit's clerk reads the policy but not another unit's request under it
    expect((await edu.get(`/policies/${p.id}`)).body.budgetRequests).toEqual([]);
  });
});
