/** R-L2 不得经预算单位再转借企业: a later finding that a disbursed loan's money went to an enterprise. */
import { startStack, Stack } from '../support/stack';
import { decideLoanTask, executiveApproval, loanApplication } from '../support/loans';
import { addDays, chinaDate, RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const today = () => chinaDate(Date.now());
const finding = (over: Record<string, unknown> = {}) => ({
  description: '审计抽查发现，借款资金经本单位转入县城投公司账户用于工程垫资', enterprise: '县城市建设投资有限公司', amount: '30000.00', foundOn: today(), ...over,
});

/** Files a loan for `clerk` and has it approved (finance review, executive meeting); answers its id. */
async function approvedLoan(clerk: string, amount: string): Promise<string> {
  const created = await (await stack.as(clerk)).post('/loans', loanApplication({ amount }));
  expect(created.status).toBe(201);
  const id = created.body.loan.id as string;
  expect((await decideLoanTask(stack, 'reviewer', id, { action: 'approve' })).status).toBe(200);
  expect((await decideLoanTask(stack, 'meeting_secretary', id, executiveApproval('县政府2026年第21次常务会议'))).status).toBe(200);
  return id;
}

/** An approved loan the treasury has disbursed today. */
async function disbursedLoan(clerk: string, amount: string): Promise<string> {
  const id = await approvedLoan(clerk, amount);
  expect((await (await stack.as('treasury')).post(`/loans/${id}/disburse`, {})).status).toBe(200);
  return id;
}

const ids = (items: { id: string }[]) => items.map((l) => l.id).sort();
const findingEvents = (loanId: string) => stack.prisma.auditEvent.count({ where: { subjectId: loanId, type: 'loan_finding_recorded' } });

describe('recording an R-L2 finding on a disbursed loan', () => {
  it('records it once, shows it on the loan with who recorded it, flags the loan R-L2 in lists and finding=true, and audits it', async () => {
    const loanId = await disbursedLoan('clerk_edu', '100000.00');
    const clean = await disbursedLoan('clerk_edu', '5000.00');
    const director = await stack.as('director');

    const first = await director.post(`/loans/${loanId}/findings`, finding(), { 'Idempotency-Key': 'finding-ctgs-1' });
    expect(first.status).toBe(201);
    expect(first.body.finding).toMatchObject({
      ruleId: 'R-L2', enterprise: '县城市建设投资有限公司', amount: '30000.00', foundOn: today(), recordedById: 'user-director', recordedByName: '刘洋（财政局局长）',
    });
    expect(first.body.loan.flags).toContainEqual({ ruleId: 'R-L2', zh: '转借企业', en: expect.any(String), rule: RULES['R-L2'].zh });

    // a retry with the same key is answered from the first, and records nothing more
    const retry = await director.post(`/loans/${loanId}/findings`, finding(), { 'Idempotency-Key': 'finding-ctgs-1' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.finding.id).toBe(first.body.finding.id);
    expect((await director.post(`/loans/${loanId}/findings`, finding({ amount: '1.00' }), { 'Idempotency-Key': 'finding-ctgs-1' })).body.error.code).toBe('idempotency_key_reused');
    expect(await stack.prisma.loanFinding.count({ where: { loanId } })).toBe(1);
    expect(await findingEvents(loanId)).toBe(1);

    const detail = (await director.get(`/loans/${loanId}`)).body;
    expect(detail.findings).toEqual([expect.objectContaining({
      id: first.body.finding.id, description: finding().description, enterprise: '县城市建设投资有限公司', amount: '30000.00', foundOn: today(),
      recordedByName: '刘洋（财政局局长）', recordedAt: expect.any(String),
    })]);
    expect(detail.loan.flags.map((f: { ruleId: string }) => f.ruleId)).toEqual(['R-L2']);
    expect(detail.audit.filter((e: { type: string }) => e.type === 'loan_finding_recorded')).toEqual([expect.objectContaining({
      actorId: 'user-director', data: expect.objectContaining({ findingId: first.body.finding.id, ruleId: 'R-L2', amount: '30000.00', enterprise: '县城市建设投资有限公司' }),
    })]);

    const all = (await director.get('/loans?fiscalYear=2026')).body.items as { id: string; flags: { ruleId: string }[] }[];
    expect(all.find((l) => l.id === loanId)!.flags.map((f) => f.ruleId)).toEqual(['R-L2']);
    expect(all.find((l) => l.id === clean)!.flags).toEqual([]);
    const flagged = (await director.get('/loans?finding=true')).body;
    expect(ids(flagged.items)).toEqual([loanId]);
    expect(flagged).toMatchObject({ total: 1, amount: '100000.00' });
    expect(ids((await director.get('/loans?finding=false')).body.items)).toContain(clean);
    expect(ids((await director.get('/loans?finding=false')).body.items)).not.toContain(loanId);
    expect((await director.get('/loans?finding=maybe')).body.error.fields).toEqual([expect.objectContaining({ field: 'finding' })]);
  });

  it('lets a finance reviewer and a treasury officer record one too, on a loan since repaid in full', async () => {
    const loanId = await disbursedLoan('clerk_water', '2000.00');
    const treasury = await stack.as('treasury');
    expect((await treasury.post(`/loans/${loanId}/repayments`, { paymentId: 'YH-F-1', amount: '2000.00', paidOn: today() })).status).toBe(201);
    expect((await treasury.get(`/loans/${loanId}`)).body.loan.status).toBe('closed');
    expect((await treasury.post(`/loans/${loanId}/findings`, finding({ amount: '2000.00', enterprise: '某水务工程公司' }))).status).toBe(201);
    expect((await (await stack.as('reviewer')).post(`/loans/${loanId}/findings`, finding({ amount: '500.00', enterprise: '某建材公司' }))).status).toBe(201);
    const detail = (await treasury.get(`/loans/${loanId}`)).body;
    expect(detail.findings.map((f: { recordedByName: string }) => f.recordedByName).sort()).toEqual(['林会计（国库股）', '陈红（预算股审核人）'].sort());
    expect(detail.loan.flags.map((f: { ruleId: string }) => f.ruleId)).toEqual(['R-L2']);
    expect(await findingEvents(loanId)).toBe(2);
  });
});

describe('refusals', () => {
  let loanId = '';
  beforeAll(async () => { loanId = await disbursedLoan('clerk_edu', '8000.00'); });
  const post = async (user: string, body: unknown) => (await stack.as(user)).post(`/loans/${loanId}/findings`, body);
  const badFields = (res: { body: { error: { fields: { field: string }[] } } }) => res.body.error.fields.map((f) => f.field).sort();

  it('names every missing field (400)', async () => {
    const res = await post('director', {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(badFields(res)).toEqual(['amount', 'description', 'enterprise', 'foundOn']);
  });

  it('names each malformed field (400)', async () => {
    const res = await post('director', { description: '短', enterprise: ' ', amount: '0.00', foundOn: '2026-02-30' });
    expect(res.status).toBe(400);
    expect(badFields(res)).toEqual(['amount', 'description', 'enterprise', 'foundOn']);
    expect((await post('director', finding({ amount: '100' }))).body.error.fields).toEqual([expect.objectContaining({ field: 'amount' })]);
  });

  it('refuses more than the loan amount, naming the field', async () => {
    const res = await post('director', finding({ amount: '8000.01' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'amount', message: expect.stringContaining('8000.00') }]);
    expect((await post('director', finding({ amount: '8000.00' }))).status).toBe(201);
  });

  it('refuses a date in the future or before the disbursement, naming the field', async () => {
    const future = await post('director', finding({ amount: '1.00', foundOn: addDays(today(), 1) }));
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual([{ field: 'foundOn', message: expect.stringContaining('不能晚于今天') }]);
    const early = await post('director', finding({ amount: '1.00', foundOn: addDays(today(), -1) }));
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual([{ field: 'foundOn', message: expect.stringContaining(`不能早于放款日 ${today()}`) }]);
  });

  it('refuses a loan not yet disbursed with 409, citing R-L2', async () => {
    const inReview = (await (await stack.as('clerk_edu')).post('/loans', loanApplication({ amount: '3000.00' }))).body.loan.id;
    const approved = await approvedLoan('clerk_edu', '4000.00');
    for (const id of [inReview, approved]) {
      const res = await (await stack.as('director')).post(`/loans/${id}/findings`, finding({ amount: '1.00' }));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('loan_not_disbursed');
      expect(res.body.error.message).toContain(`R-L2「${RULES['R-L2'].zh}」`);
      expect(await stack.prisma.loanFinding.count({ where: { loanId: id } })).toBe(0);
    }
  });

  it('refuses a clerk, even of the borrowing unit, and an auditor with 403', async () => {
    const before = await stack.prisma.loanFinding.count();
    for (const user of ['clerk_edu', 'clerk_water', 'auditor', 'meeting_secretary']) {
      const res = await post(user, finding({ amount: '1.00' }));
      expect([user, res.status, res.body.error.code]).toEqual([user, 403, 'wrong_role']);
    }
    expect(await stack.prisma.loanFinding.count()).toBe(before);
  });
});

describe('who reads findings', () => {
  it('the borrowing unit’s clerk sees them read-only; another unit’s clerk cannot open the loan', async () => {
    const loanId = await disbursedLoan('clerk_edu', '6000.00');
    expect((await (await stack.as('director')).post(`/loans/${loanId}/findings`, finding({ amount: '600.00', enterprise: '某教育服务公司' }))).status).toBe(201);

    const edu = await stack.as('clerk_edu');
    const own = await edu.get(`/loans/${loanId}`);
    expect(own.status).toBe(200);
    expect(own.body.findings).toEqual([expect.objectContaining({ enterprise: '某教育服务公司', amount: '600.00', recordedByName: '刘洋（财政局局长）' })]);
    expect(ids((await edu.get('/loans?finding=true')).body.items)).toContain(loanId);
    expect((await edu.post(`/loans/${loanId}/findings`, finding({ amount: '1.00' }))).status).toBe(403);

    const water = await stack.as('clerk_water');
    const other = await water.get(`/loans/${loanId}`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_own_unit');
    expect(ids((await water.get('/loans?finding=true')).body.items)).not.toContain(loanId);

    const auditor = await stack.as('auditor');
    expect((await auditor.get(`/loans/${loanId}`)).body.findings).toHaveLength(1);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await stack.as('director')).get('/openapi.json')).body;
    const post = doc.paths['/loans/{id}/findings'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['description', 'enterprise', 'amount', 'foundOn']));
    expect(post.responses['409']).toBeDefined();
  });
});
