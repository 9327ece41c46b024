import { startStack, Stack } from '../support/stack';
import { dataRows, sheetOf } from '../support/workbook';
import { decideLoanTask, executiveApproval, loanApplication } from '../support/loans';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

/** Applies and waits until the reviewer's task is open, so loans wait in filing order. */
async function apply(clerk: string, over: Record<string, unknown> = {}) {
  const res = await (await stack.as(clerk)).post('/loans', loanApplication({ termMonths: 3, ...over }));
  expect(res.status).toBe(201);
  await (await stack.as('reviewer')).taskFor(res.body.loan.id, 'finance_review');
  return res.body.loan.id as string;
}

let ids: { first: string; second: string; atMeeting: string; atTreasury: string; water: string };

beforeAll(async () => {
  const first = await apply('clerk_edu', { amount: '100000.00' });
  const second = await apply('clerk_edu', { amount: '200000.00' });
  const atMeeting = await apply('clerk_edu', { amount: '300000.00' });
  const atTreasury = await apply('clerk_edu', { amount: '400000.00' });
  const water = await apply('clerk_water', { amount: '50000.00' });
  expect((await decideLoanTask(stack, 'reviewer', atMeeting, { action: 'approve' })).status).toBe(200);
  expect((await decideLoanTask(stack, 'reviewer', atTreasury, { action: 'approve' })).status).toBe(200);
  expect((await decideLoanTask(stack, 'meeting_secretary', atTreasury, executiveApproval('县政府2026年第20次常务会议'))).status).toBe(200);
  await (await stack.as('meeting_secretary')).taskFor(atMeeting, 'executive_meeting');
  await (await stack.as('treasury')).taskFor(atTreasury, 'disbursement');
  ids = { first, second, atMeeting, atTreasury, water };
});

describe('loans waiting on the finance bureau, on the dashboard', () => {
  it('counts loans pending by step, with their amount and the oldest first, matching the lists behind them', async () => {
    const director = await stack.as('director');
    const d = (await director.get('/dashboard?fiscalYear=2026')).body;
    const step = (s: string) => d.pendingLoans.byStep.find((x: { step: string }) => x.step === s);
    expect(step('finance_review')).toMatchObject({ count: 3, amount: '350000.00', label: { zh: '财政局审核（暂付款规模 R-L8）' } });
    expect(step('executive_meeting')).toMatchObject({ count: 1, amount: '300000.00' });
    expect(step('disbursement')).toMatchObject({ count: 1, amount: '400000.00' });
    expect(d.pendingLoans.total).toBe(5);

    const review = (await director.get('/dashboard/lists/pending-loans?fiscalYear=2026&step=finance_review')).body;
    expect(review.items.map((l: { id: string }) => l.id)).toEqual([ids.first, ids.second, ids.water]);
    expect(step('finance_review').oldestNumber).toBe(review.items[0].number);
    expect(review.items[0].waitingOn).toEqual(['陈红（预算股审核人）']);
    // A row of the list is the loan as everywhere else (the detail also counts its R-L2 findings).
    const { waitingSince: _since, ageHours: _age, waitingOn: _on, ...listed } = review.items[0];
    const { findingCount: _findings, ...detail } = (await director.get(`/loans/${ids.first}`)).body.loan;
    expect(listed).toEqual(detail);
    const all = (await director.get('/dashboard/lists/pending-loans?fiscalYear=2026')).body;
    expect(all.total).toBe(d.pendingLoans.total);
    const since = all.items.map((l: { waitingSince: string }) => Date.parse(l.waitingSince));
    expect([...since].sort((a, b) => a - b)).toEqual(since);
  });

  it('refuses a step the loan chain does not have, naming the field', async () => {
    const res = await (await stack.as('director')).get('/dashboard/lists/pending-loans?step=npc_approval');
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f: { field: string }) => f.field) ?? [res.body.error.field]).toContain('step');
  });

  it('shows a clerk only their own unit', async () => {
    const water = await stack.as('clerk_water');
    const d = (await water.get('/dashboard?fiscalYear=2026')).body;
    expect(d.pendingLoans.total).toBe(1);
    expect((await water.get('/dashboard/lists/pending-loans?fiscalYear=2026')).body.items.map((l: { id: string }) => l.id)).toEqual([ids.water]);
  });

  it('exports the list to Excel with exact amounts and who it waits on', async () => {
    const res = await (await stack.as('director')).download('/dashboard/lists/pending-loans?fiscalYear=2026&format=xlsx');
    expect(res.status).toBe(200);
    const body = dataRows(await sheetOf(res));
    expect(body).toHaveLength(5);
    expect(body[0]).toEqual(expect.arrayContaining([100000, '财政局审核（暂付款规模 R-L8）', '陈红（预算股审核人）']));
    expect(body.find((r) => r.includes(400000))).toEqual(expect.arrayContaining(['国库股放款']));
  });
});
