import { startStack, Stack } from '../support/stack';
import { THIS_YEAR } from '../support/years';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const change = (over: Record<string, unknown> = {}) => ({
  amount: '50000.00', fromUse: '办公楼维修', fromCategory: 'project', toUse: '防汛物资采购', toCategory: 'emergency',
  reason: '汛期提前，需紧急采购防汛物资，办公楼维修推迟至明年。', ...over,
});
const count = () => stack.prisma.changeOfUseRequest.count();

describe('a unit asks to move budgeted money to another use (R-B10)', () => {
  it('files it in finance review, numbered, with the source money’s 三保 status and an audit event', async () => {
    const clerk = await stack.as('clerk_water');
    const res = await clerk.post('/changes-of-use', change());
    expect(res.status).toBe(201);
    expect(res.body.changeOfUse).toMatchObject({
      number: expect.stringMatching(new RegExp(`^TJ-${THIS_YEAR}-\\d{6}$`)), fiscalYear: THIS_YEAR, unitId: 'unit-slj', amount: '50000.00',
      fromCategoryLabel: { zh: '项目支出', en: 'Project spending' }, toCategoryLabel: { zh: '应急支出', en: 'Emergency spending' },
      sourceThreeGuarantees: false, status: 'in_review', step: 'finance_review', stepLabel: { zh: '财政局审核', en: 'Finance review' }, flags: [],
    });
    const detail = await clerk.get(`/changes-of-use/${res.body.changeOfUse.id}`);
    // filing starts its R-B10 chain, whose opened tasks follow in the trail
    expect(detail.body.audit.slice(0, 1)).toEqual([expect.objectContaining({ type: 'change_of_use_filed', data: expect.objectContaining({ amount: '50000.00', toUse: '防汛物资采购' }) })]);
  });

  it('refuses 三保 money moved to another use, citing R-B10 in Chinese, and writes nothing', async () => {
    const clerk = await stack.as('clerk_edu');
    const before = await count();
    const res = await clerk.post('/changes-of-use', change({ fromUse: '教师工资', fromCategory: 'three_guarantees_personnel', toUse: '校门改造', toCategory: 'project' }));
    expect(res.status).toBe(422);
    expect(res.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-B10', zh: RULES['R-B10'].zh, field: 'toCategory' })]);
    expect(res.body.error.message).toContain('不得擅自改变机构运转等支出的用途');
    expect(res.body.error.violations[0].detail).toContain('三保资金');
    expect(await count()).toBe(before);
    expect(await stack.prisma.auditEvent.count({ where: { subjectType: 'change_of_use', actorId: clerk.userId } })).toBe(0);
  });

  it('accepts a move between two 三保 uses, flagged as 三保 money and listed first', async () => {
    const clerk = await stack.as('clerk_edu');
    const res = await clerk.post('/changes-of-use', change({ fromUse: '教师绩效工资', fromCategory: 'three_guarantees_personnel', toUse: '学生资助', toCategory: 'three_guarantees_livelihood' }));
    expect(res.status).toBe(201);
    expect(res.body.changeOfUse.sourceThreeGuarantees).toBe(true);
    expect(res.body.changeOfUse.flags.map((f: { ruleId: string }) => f.ruleId)).toEqual(['R-B5']);
    await clerk.post('/changes-of-use', change({ fromUse: '会议费', toUse: '培训费', toCategory: 'general_purpose' }));
    const list = (await clerk.get('/changes-of-use')).body.items;
    expect(list[0].id).toBe(res.body.changeOfUse.id);
  });

  it('names every bad field with a 400 and lets only clerks file', async () => {
    const clerk = await stack.as('clerk_edu');
    const before = await count();
    const bad = await clerk.post('/changes-of-use', change({ amount: '5', toCategory: 'luxury', reason: '' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'reason', 'toCategory']);
    const same = await clerk.post('/changes-of-use', change({ toUse: '办公楼维修', toCategory: 'project' }));
    expect(same.status).toBe(400);
    expect(same.body.error.fields[0].field).toBe('toUse');
    const year = await clerk.post('/changes-of-use', change({ fiscalYear: THIS_YEAR }));
    expect(year.body.error.fields[0].field).toBe('fiscalYear');
    const reviewer = await (await stack.as('reviewer')).post('/changes-of-use', change());
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.error.code).toBe('wrong_role');
    expect(await count()).toBe(before);
  });

  it('files once per Idempotency-Key', async () => {
    const clerk = await stack.as('clerk_health');
    const body = change({ fromUse: '设备购置', toUse: '疫苗冷链' });
    const first = await clerk.post('/changes-of-use', body, { 'Idempotency-Key': 'cou-1' });
    await stack.prisma.idempotencyRecord.deleteMany({ where: { key: 'cou-1' } });
    const retries = await Promise.all([1, 2].map(() => clerk.post('/changes-of-use', body, { 'Idempotency-Key': 'cou-1' })));
    for (const r of retries) if (r.status === 201) expect(r.body.changeOfUse.id).toBe(first.body.changeOfUse.id);
    expect(await stack.prisma.changeOfUseRequest.count({ where: { createdById: clerk.userId } })).toBe(1);
  });

  it('shows clerks their own unit only; the bureau and auditors see all', async () => {
    const edu = await stack.as('clerk_edu');
    const water = await stack.as('clerk_water');
    const id = (await edu.post('/changes-of-use', change({ fromUse: '教研经费', toUse: '教师培训' }))).body.changeOfUse.id;
    expect((await water.get(`/changes-of-use/${id}`)).status).toBe(403);
    expect((await water.get('/changes-of-use')).body.items.every((c: { unitId: string }) => c.unitId === 'unit-slj')).toBe(true);
    expect((await (await stack.as('auditor')).get(`/changes-of-use/${id}`)).status).toBe(200);
    expect((await (await stack.as('reviewer')).get('/changes-of-use?q=教研')).body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await edu.get('/changes-of-use/nothing-here')).status).toBe(404);
  });
});
