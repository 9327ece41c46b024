import { startStack, Stack, call } from '../support/stack';
import { loanApplication } from '../support/loans';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const countLoans = () => stack.prisma.loan.count();
const ruleIds = (body: { error: { violations: { ruleId: string }[] } }) => body.error.violations.map((v) => v.ruleId);

describe('a loan application is refused with every broken rule named, and nothing is written', () => {
  it('R-L1: refuses an enterprise (clerk_ctgs, the county investment company)', async () => {
    const before = await countLoans();
    const res = await (await stack.as('clerk_ctgs')).post('/loans', loanApplication());
    expect(res.status).toBe(422);
    expect(res.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-L1', zh: RULES['R-L1'].zh, field: 'unit' })]);
    expect(res.body.error.message).toContain('县财政只能向纳入本级预算管理的一级预算单位（不含企业）安排借款');
    expect(await countLoans()).toBe(before);
  });

  it('R-L1: refuses a second-level unit (clerk_school, the central primary school)', async () => {
    const res = await (await stack.as('clerk_school')).post('/loans', loanApplication());
    expect(res.status).toBe(422);
    expect(ruleIds(res.body)).toEqual(['R-L1']);
  });

  it('R-L2: refuses an application without the no-on-lending declaration', async () => {
    const res = await (await stack.as('clerk_edu')).post('/loans', loanApplication({ noOnLendingDeclared: false }));
    expect(res.status).toBe(422);
    expect(ruleIds(res.body)).toEqual(['R-L2']);
  });

  it('R-L3: refuses a purpose that is neither temporary turnover nor an emergency advance', async () => {
    const res = await (await stack.as('clerk_edu')).post('/loans', loanApplication({ purpose: 'office_renovation' }));
    expect(res.status).toBe(422);
    expect(res.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-L3', zh: RULES['R-L3'].zh, field: 'purpose' })]);
  });

  it('R-L4: refuses a term over one year, and a requested due date more than a year away', async () => {
    const clerk = await stack.as('clerk_edu');
    const long = await clerk.post('/loans', loanApplication({ termMonths: 18 }));
    expect(long.status).toBe(422);
    expect(long.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-L4', field: 'termMonths' })]);
    const far = await clerk.post('/loans', loanApplication({ termMonths: undefined, requestedDueDate: '2099-01-01' }));
    expect(far.status).toBe(422);
    expect(far.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-L4', field: 'requestedDueDate' })]);
  });

  it('R-L5: refuses a missing repayment source', async () => {
    const res = await (await stack.as('clerk_edu')).post('/loans', loanApplication({ repaymentSource: undefined }));
    expect(res.status).toBe(422);
    expect(res.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-L5', zh: RULES['R-L5'].zh, field: 'repaymentSource' })]);
  });

  it('R-L9: refuses a loan meant for a new spending need', async () => {
    const res = await (await stack.as('clerk_edu')).post('/loans', loanApplication({ fundsNewSpending: true }));
    expect(res.status).toBe(422);
    expect(res.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-L9', zh: RULES['R-L9'].zh })]);
  });

  it('names R-L1, R-L3, R-L4, R-L5 and R-L9 together in one answer', async () => {
    const before = await countLoans();
    const res = await (await stack.as('clerk_ctgs')).post('/loans', loanApplication({ purpose: 'new_stadium', termMonths: 24, repaymentSource: '', fundsNewSpending: true }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('rule_violation');
    expect(ruleIds(res.body)).toEqual(['R-L1', 'R-L3', 'R-L4', 'R-L5', 'R-L9']);
    for (const id of ['R-L1', 'R-L3', 'R-L4', 'R-L5', 'R-L9'] as const) expect(res.body.error.message).toContain(`${id}「${RULES[id].zh}」`);
    expect(await countLoans()).toBe(before);
  });

  it('names each malformed field with a 400 (money as a number, an impossible date)', async () => {
    const res = await (await stack.as('clerk_edu')).post('/loans', loanApplication({ amount: 300000, termMonths: undefined, requestedDueDate: '2026-02-30', fundsNewSpending: 'no' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'fundsNewSpending', 'requestedDueDate']);
  });
});

describe('who may do what with loans', () => {
  it('refuses without a login, and lets only department clerks apply', async () => {
    expect((await call(stack.baseUrl, 'GET', '/loans')).status).toBe(401);
    const res = await (await stack.as('treasury')).post('/loans', loanApplication());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('wrong_role');
  });

  it('files once for a retried submit with the same Idempotency-Key', async () => {
    const clerk = await stack.as('clerk_water');
    const before = await countLoans();
    const headers = { 'Idempotency-Key': 'loan-form-1' };
    const first = await clerk.post('/loans', loanApplication({ amount: '1000.00' }), headers);
    const again = await clerk.post('/loans', loanApplication({ amount: '1000.00' }), headers);
    expect(first.status).toBe(201);
    expect(again.body.loan.id).toBe(first.body.loan.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.body.loan.number).toMatch(/^JK-2026-\d{6}$/);
    expect(await countLoans()).toBe(before + 1);
  });

  it('shows clerks only their own unit’s loans', async () => {
    const water = await stack.as('clerk_water');
    const id = (await water.post('/loans', loanApplication({ amount: '2000.00' }))).body.loan.id;
    const edu = await stack.as('clerk_edu');
    expect((await edu.get(`/loans/${id}`)).status).toBe(403);
    expect((await edu.get('/loans')).body.items.every((l: { unitId: string }) => l.unitId === 'unit-jyj')).toBe(true);
    expect((await (await stack.as('auditor')).get(`/loans/${id}`)).status).toBe(200);
  });

  it('lets only the finance director suspend disbursements (R-M3)', async () => {
    const res = await (await stack.as('reviewer')).post('/disbursement-suspension', { reason: '库款紧张' });
    expect(res.status).toBe(403);
    expect((await (await stack.as('treasury')).get('/disbursement-suspension')).body.control.suspended).toBe(false);
  });
});
