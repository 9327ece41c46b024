import { startStack, Stack, UserClient } from '../support/stack';
import { THIS_YEAR } from '../support/years';
import { decideLoanTask, executiveApproval, loanApplication } from '../support/loans';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const YEAR = THIS_YEAR;
const MEETING = executiveApproval('县政府2032年第3次常务会议');
/** Figures whose R-L8 cap is 5% of general + fund expenditure. */
const figures = (general: string, fund: string, availableResources = '1000.00') => ({ generalBudgetExpenditure: general, fundBudgetExpenditure: fund, availableResources, ...CHANGE });
/** Why the figures change and on which document: required once a year is recorded. */
const CHANGE = { reason: '县人大批准预算调整方案', documentReference: '东府发〔2032〕5号' };

async function fileLoan(clerk: UserClient, amount: string): Promise<string> {
  const res = await clerk.post('/loans', loanApplication({ amount, termMonths: 3 }));
  expect(res.status).toBe(201);
  return res.body.loan.id;
}

const auditOf = async (year: number) => (await stack.prisma.auditEvent.findMany({ where: { subjectType: 'fiscal_year', subjectId: String(year) }, orderBy: { id: 'asc' } }))
  .map((e) => e.data as { type: string; generalBudgetExpenditure: string; warnings?: { ruleId: string; detail: string }[] });

describe('PUT /fiscal-years/:year: the director records the figures; R-L8 warns when the cap falls under the advances held', () => {
  let director: UserClient;
  beforeAll(async () => { director = await stack.as('director'); });

  it('answers no warning while the cap stays above what is held, and shows the cap and held advances with the year', async () => {
    const first = await director.put(`/fiscal-years/${YEAR}`, figures('1500000.00', '500000.00'));
    expect(first.status).toBe(200);
    expect(first.body.warnings).toEqual([]);
    expect(first.body.fiscalYear).toMatchObject({ year: YEAR, remaining: '1000.00', advances: { cap: '100000.00', held: '0.00', headroom: '100000.00', overCap: false, excess: '0.00' } });

    // 30,000.00 lent and 30,000.00 approved, not yet disbursed: 60,000.00 held.
    const clerk = await stack.as('clerk_edu');
    const lent = await fileLoan(clerk, '30000.00');
    expect((await decideLoanTask(stack, 'reviewer', lent, { action: 'approve' }, 'finance_review')).status).toBe(200);
    expect((await decideLoanTask(stack, 'meeting_secretary', lent, MEETING, 'executive_meeting')).status).toBe(200);
    expect((await (await stack.as('treasury')).post(`/loans/${lent}/disburse`, {})).status).toBe(200);
    const approved = await fileLoan(clerk, '30000.00');
    expect((await decideLoanTask(stack, 'reviewer', approved, { action: 'approve' }, 'finance_review')).status).toBe(200);

    // A cap of exactly what is held (5% of 1,200,000.00) is within R-L8.
    const exact = await director.put(`/fiscal-years/${YEAR}`, figures('1000000.00', '200000.00'));
    expect(exact.status).toBe(200);
    expect(exact.body.warnings).toEqual([]);
    expect(exact.body.fiscalYear.advances).toMatchObject({ cap: '60000.00', outstanding: '30000.00', reserved: '30000.00', held: '60000.00', headroom: '0.00', overCap: false });
    expect((await auditOf(YEAR)).at(-1)).toMatchObject({ type: 'fiscal_year_set', generalBudgetExpenditure: '1000000.00', warnings: [] });
  });

  it('saves figures that put the cap under held advances, warning R-L8 with the exact excess; the position says over the cap and approvals are refused', async () => {
    // 5% of 1,199,999.00 is 59,999.95: five fen under the 60,000.00 held.
    const lowered = await director.put(`/fiscal-years/${YEAR}`, figures('1000000.00', '199999.00'));
    expect(lowered.status).toBe(200);
    expect(lowered.body.warnings).toEqual([{ ruleId: 'R-L8', zh: RULES['R-L8'].zh, en: RULES['R-L8'].en, field: 'generalBudgetExpenditure', detail: expect.stringContaining('超出 0.05 元') }]);
    expect(lowered.body.warnings[0].detail).toContain('60000.00');
    expect(lowered.body.warnings[0].detail).toContain('59999.95');
    expect(lowered.body.fiscalYear).toMatchObject({ fundBudgetExpenditure: '199999.00', advances: { cap: '59999.95', held: '60000.00', headroom: '0.00', overCap: true, excess: '0.05' } });

    // saved: everyone reads the new figures, the audit event carries the warning
    expect((await (await stack.as('clerk_edu')).get(`/fiscal-years/${YEAR}`)).body.fiscalYear.fundBudgetExpenditure).toBe('199999.00');
    expect((await auditOf(YEAR)).at(-1)).toMatchObject({ type: 'fiscal_year_set', generalBudgetExpenditure: '1000000.00', warnings: [{ ruleId: 'R-L8', detail: expect.stringContaining('超出 0.05 元') }] });

    const position = (await director.get(`/advances/${YEAR}`)).body.position;
    expect(position).toMatchObject({ cap: '59999.95', outstanding: '30000.00', reserved: '30000.00', held: '60000.00', headroom: '0.00', overCap: true, excess: '0.05' });

    const next = await fileLoan(await stack.as('clerk_health'), '0.01');
    const refused = await decideLoanTask(stack, 'reviewer', next, { action: 'approve' }, 'finance_review');
    expect(refused.status).toBe(422);
    expect(refused.body.error.violations[0]).toMatchObject({ ruleId: 'R-L8', zh: RULES['R-L8'].zh });
  });

  it('lists every year with its cap and held advances for the bureau, leaders and auditors, not for clerks', async () => {
    const auditor = (await (await stack.as('auditor')).get('/fiscal-years')).body.items;
    expect(auditor.find((y: { year: number }) => y.year === YEAR)).toMatchObject({ advances: { cap: '59999.95', held: '60000.00', overCap: true } });
    // the demo year with no loans yet holds nothing
    // Another year's figures are measured against the same county balance (R-L8 counts every year's advances).
    expect(auditor.find((y: { year: number }) => y.year !== YEAR)).toMatchObject({ advances: { held: '60000.00', overCap: false } });
    expect((await (await stack.as('county_mayor')).get(`/fiscal-years/${YEAR}`)).body.fiscalYear.advances).toMatchObject({ overCap: true });
    const clerk = await stack.as('clerk_edu');
    expect((await clerk.get('/fiscal-years')).body.items.every((y: object) => !('advances' in y))).toBe(true);
    expect((await clerk.get(`/fiscal-years/${YEAR}`)).body.fiscalYear).not.toHaveProperty('advances');
  });

  it('refuses anyone but the finance director (403) and changes nothing', async () => {
    const before = (await director.get(`/fiscal-years/${YEAR}`)).body.fiscalYear;
    for (const username of ['reviewer', 'auditor', 'treasury', 'county_mayor', 'clerk_edu']) {
      const res = await (await stack.as(username)).put(`/fiscal-years/${YEAR}`, figures('9000000.00', '1000000.00'));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('wrong_role');
    }
    expect((await director.get(`/fiscal-years/${YEAR}`)).body.fiscalYear).toEqual(before);
  });

  it('R-B3: still refuses available resources below what is reserved and committed, saving nothing', async () => {
    const clerk = await stack.as('clerk_water');
    const request = await clerk.post('/budget-requests', { amount: '600.00', category: 'project', purpose: '防汛物资储备', justification: '' });
    expect(request.status).toBe(201);
    const reviewer = await stack.as('reviewer');
    expect((await reviewer.post(`/tasks/${(await reviewer.taskFor(request.body.request.id)).id}/decision`, { action: 'approve' })).status).toBe(200);
    const events = (await auditOf(YEAR)).length;

    const refused = await director.put(`/fiscal-years/${YEAR}`, figures('1000000.00', '199999.00', '599.99'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-B3', zh: RULES['R-B3'].zh, field: 'availableResources' })]);
    expect(refused.body.error.message).toContain(`R-B3「${RULES['R-B3'].zh}」`);
    expect((await director.get(`/fiscal-years/${YEAR}`)).body.fiscalYear).toMatchObject({ availableResources: '1000.00', reserved: '600.00', remaining: '400.00' });
    expect(await auditOf(YEAR)).toHaveLength(events);

    // exactly what is held is allowed
    const atFloor = await director.put(`/fiscal-years/${YEAR}`, figures('1000000.00', '199999.00', '600.00'));
    expect(atFloor.status).toBe(200);
    expect(atFloor.body.fiscalYear.remaining).toBe('0.00');
  });
});

describe('a change to a recorded year needs a reason and a document, kept in the audit trail', () => {
  it('refuses a change without them, naming the field, and changes nothing', async () => {
    const director = await stack.as('director');
    const before = (await director.get(`/fiscal-years/${YEAR}`)).body.fiscalYear;
    const bare = await director.put(`/fiscal-years/${YEAR}`, { generalBudgetExpenditure: '2000000.00', fundBudgetExpenditure: '500000.00', availableResources: '1000.00' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['reason', 'documentReference']));
    const noDocument = await director.put(`/fiscal-years/${YEAR}`, { ...figures('2000000.00', '500000.00'), documentReference: ' ' });
    expect(noDocument.status).toBe(400);
    expect(noDocument.body.error.fields[0].field).toBe('documentReference');
    expect((await director.get(`/fiscal-years/${YEAR}`)).body.fiscalYear).toEqual(before);
  });

  it('lists every change with who, the figures before and after, the reason and the document reference', async () => {
    const director = await stack.as('director');
    const before = (await director.get(`/fiscal-years/${YEAR}`)).body.fiscalYear;
    const saved = await director.put(`/fiscal-years/${YEAR}`, { ...figures('2000000.00', '500000.00', before.availableResources), reason: '年中预算调整', documentReference: '东财预〔2032〕18号' });
    expect(saved.status).toBe(200);
    const changes = (await (await stack.as('auditor')).get(`/fiscal-years/${YEAR}/changes`)).body.items;
    expect(changes[0]).toMatchObject({
      actorName: expect.stringContaining('局长'), reason: '年中预算调整', documentReference: '东财预〔2032〕18号',
      figures: { generalBudgetExpenditure: '2000000.00' },
      previous: { generalBudgetExpenditure: before.generalBudgetExpenditure, fundBudgetExpenditure: before.fundBudgetExpenditure },
    });
    // newest first, each change's "before" being the figures the change after it in time replaced
    for (let i = 0; i < changes.length - 1; i++) {
      expect(changes[i].previous).toMatchObject({ generalBudgetExpenditure: changes[i + 1].figures.generalBudgetExpenditure, fundBudgetExpenditure: changes[i + 1].figures.fundBudgetExpenditure });
    }
  });
});
