import { startBrowserStack, loginAs, BrowserStack, openTaskRow, shot } from '../support/browser';
import { THIS_YEAR } from '../support/years';
import { DECISION_ACTIONS, RULES } from '../../domain';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

const YEAR = THIS_YEAR;
const digits = (s: string | null) => (s ?? '').replace(/[\s,¥]/g, '');

/** Walks a loan of `amount` through finance review (reserving it against R-L8) and, with `disburse`, on to the treasury. */
async function heldLoan(clerk: string, amount: string, disburse: boolean): Promise<void> {
  const created = await (await b.stack.as(clerk)).post('/loans', {
    amount, purpose: 'temporary_turnover', purposeDetails: '工资发放临时周转', repaymentSource: '下月转移支付到账后归还',
    termMonths: 3, noOnLendingDeclared: true, fundsNewSpending: false,
  });
  expect(created.status).toBe(201);
  const id = created.body.loan.id as string;
  const decisions = [['reviewer', 'finance_review', { action: 'approve' }]] as [string, string, object][];
  if (disburse) decisions.push(['meeting_secretary', 'executive_meeting', { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第18次常务会议' }]);
  for (const [user, step, decision] of decisions) {
    const u = await b.stack.as(user);
    expect((await u.post(`/tasks/${(await u.taskFor(id, step)).id}/decision`, decision)).status).toBe(200);
  }
  if (disburse) expect((await (await b.stack.as('treasury')).post(`/loans/${id}/disburse`, {})).status).toBe(200);
}

describe('the finance director’s fiscal-year figures page', () => {
  beforeAll(async () => {
    // 1,000,000.00 reserved by an approved budget request (R-B3); 200,000.00 lent and 300,000.00 approved (R-L8): 500,000.00 held.
    const request = await (await b.stack.as('clerk_water')).post('/budget-requests', { amount: '1000000.00', category: 'project', purpose: '防汛物资储备', justification: '' });
    const reviewer = await b.stack.as('reviewer');
    expect((await reviewer.post(`/tasks/${(await reviewer.taskFor(request.body.request.id)).id}/decision`, { action: 'approve' })).status).toBe(200);
    await heldLoan('clerk_edu', '200000.00', true);
    await heldLoan('clerk_health', '300000.00', false);
  });

  it('opens from the dashboard’s available resources, refuses too little (R-B3), and saves figures under the advances held with an R-L8 warning', async () => {
    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/dashboard?fiscalYear=${YEAR}`));
    await page.getByTestId('available-link').click();
    await page.getByTestId('fiscal-year-table').waitFor();
    expect(page.url()).toContain(`/fiscal-years?year=${YEAR}`);
    // the year is highlighted and opened, with the R-B3 and R-L8 arithmetic
    expect(await page.locator(`tr[data-row-key="${YEAR}"]`).getAttribute('class')).toContain('fy-focus');
    expect(digits(await page.getByTestId(`details-${YEAR}`).textContent())).toContain('500000.00');
    expect(digits(await page.getByTestId(`cap-${YEAR}`).textContent())).toBe('200000000.00');
    expect(digits(await page.getByTestId(`held-${YEAR}`).textContent())).toBe('500000.00');

    await page.getByTestId(`edit-${YEAR}`).click();
    await page.getByTestId('fiscal-year-form').waitFor();
    expect(await page.locator('#availableResources').inputValue()).toBe('50,000,000.00');
    // the same zod schema as the API, as they type
    await page.locator('#generalBudgetExpenditure').fill('8000000.5');
    const shape = page.getByTestId('error-generalBudgetExpenditure');
    await shape.waitFor();
    expect(await shape.textContent()).toContain('两位小数');
    await page.locator('#generalBudgetExpenditure').fill('8000000.00');
    await shape.waitFor({ state: 'detached' });

    // R-B3: below the 1,000,000.00 already reserved is refused, with the rule and its wording
    await page.locator('#fundBudgetExpenditure').fill('1999999.00');
    await page.locator('#availableResources').fill('999999.99');
    // a change needs a reason and a document reference, and is confirmed with old → new
    await page.getByTestId('fy-submit').click();
    await page.getByTestId('error-reason').waitFor();
    await page.locator('#fyReason').fill('年中预算调整');
    await page.locator('#fyDocument').fill('东财预〔2026〕18号');
    await page.getByTestId('fy-submit').click();
    const confirm = page.getByTestId('confirm-fiscal-year');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('¥50,000,000.00 → ¥999,999.99');
    await page.getByTestId('confirm-ok').click();
    const refusal = page.getByTestId('violations');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('R-B3');
    expect(await refusal.textContent()).toContain(RULES['R-B3'].zh);
    await shot(page, 'fiscal-years-refused');
    expect((await (await b.stack.as('auditor')).get(`/fiscal-years/${YEAR}`)).body.fiscalYear.availableResources).toBe('50000000.00');

    // 5% of 9,999,999.00 is 499,999.95: five fen under the 500,000.00 held. The form says so before saving.
    await page.locator('#availableResources').fill('1000000.00');
    expect(await page.getByTestId('cap-preview').textContent()).toContain('超出 ¥0.05');
    await page.getByTestId('fy-submit').click();
    await page.getByTestId('confirm-ok').click();
    const warning = page.getByTestId('saved-warnings');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('R-L8');
    expect(await warning.textContent()).toContain(RULES['R-L8'].zh);
    expect(await warning.textContent()).toContain('超出 0.05 元');
    expect(await page.getByTestId('fiscal-year-editor').count()).toBe(0);
    await page.getByTestId(`over-cap-${YEAR}`).waitFor();
    expect(digits(await page.getByTestId(`cap-${YEAR}`).textContent())).toBe('499999.95');
    expect(digits(await page.getByTestId(`available-${YEAR}`).textContent())).toBe('1000000.00');
    expect(digits(await page.getByTestId(`remaining-${YEAR}`).textContent())).toBe('0.00');
    // the change, its reason and its document are on the year's page
    const changes = page.getByTestId(`changes-${YEAR}`);
    await changes.locator('[data-change="东财预〔2026〕18号"]').waitFor();
    expect(await changes.textContent()).toContain('年中预算调整');
    await shot(page, 'fiscal-years');

    const saved = (await (await b.stack.as('auditor')).get(`/fiscal-years/${YEAR}`)).body.fiscalYear;
    expect(saved).toMatchObject({ generalBudgetExpenditure: '8000000.00', fundBudgetExpenditure: '1999999.00', availableResources: '1000000.00', advances: { overCap: true, excess: '0.05' } });
  });

  it('shows the over-cap alert on the dashboard, whose cap and headroom link back to the year', async () => {
    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/dashboard?fiscalYear=${YEAR}`));
    const alert = page.getByTestId('over-cap-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('R-L8');
    expect(await alert.textContent()).toContain(RULES['R-L8'].zh);
    expect(await page.getByTestId('over-cap-excess').textContent()).toBe('¥0.05');
    expect(digits(await page.getByTestId('adv-headroom').textContent())).toContain('0.00');
    await shot(page, 'dashboard-over-cap');
    await page.getByTestId('adv-cap').click();
    await page.getByTestId('fiscal-year-table').waitFor();
    expect(page.url()).toContain(`/fiscal-years?year=${YEAR}`);
  });

  it('shows an auditor the same figures read-only', async () => {
    const page = await loginAs(b, 'auditor');
    await page.goto(b.url('/dashboard'));
    await page.getByRole('menuitem', { name: '财政数据' }).click();
    await page.getByTestId('fiscal-year-table').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('add-year').count()).toBe(0);
    expect(await page.getByTestId(`edit-${YEAR}`).count()).toBe(0);
    expect(await page.getByTestId(`over-cap-${YEAR}`).textContent()).toContain('¥0.05');
    expect(digits(await page.getByTestId(`held-${YEAR}`).textContent())).toBe('500000.00');
  });

  it('while over the cap refuses a reviewer’s approval with R-L8 in the inbox, again after a correction, and takes the rejection', async () => {
    const created = await (await b.stack.as('clerk_water')).post('/loans', {
      amount: '1000.00', purpose: 'temporary_turnover', purposeDetails: '防汛人员补助临时周转', repaymentSource: '防汛专项资金到位后归还',
      termMonths: 3, noOnLendingDeclared: true, fundsNewSpending: false,
    });
    expect(created.status).toBe(201);
    const { number } = created.body.loan;
    const page = await loginAs(b, 'reviewer');
    const row = await openTaskRow(b, page, number);
    await row.getByTestId('decide-approve').click();
    const modal = page.locator('.ant-modal');
    const refusal = modal.getByTestId('violations');
    await modal.getByTestId('comment').fill('同意');
    await modal.getByTestId('decision-submit').click();
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(RULES['R-L8'].zh);
    // A corrected form is a new request: the rule answers again, not a clash of idempotency keys.
    await modal.getByTestId('comment').fill('同意，请国库股注意规模');
    const [again] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/decision') && r.request().method() === 'POST'),
      modal.getByTestId('decision-submit').click(),
    ]);
    expect(again.status()).toBe(422);
    expect((await again.json()).error.violations.map((v: { ruleId: string }) => v.ruleId)).toEqual(['R-L8']);
    await refusal.waitFor();
    expect(await modal.textContent()).not.toContain('Idempotency-Key');
    await modal.getByText(DECISION_ACTIONS.reject.zh).click();
    await modal.getByTestId('comment').fill('暂付款已超过上限（R-L8），本年度不再出借');
    await modal.getByTestId('decision-submit').click();
    // 否决 is final: confirmed with the amount
    expect(await page.getByTestId('confirm-reject').textContent()).toContain('¥1,000.00');
    await page.getByTestId('confirm-ok').click();
    await page.locator(`tr[data-request="${number}"]`).waitFor({ state: 'detached' });
    const loan = (await (await b.stack.as('auditor')).get(`/loans/${created.body.loan.id}`)).body.loan;
    expect(loan).toMatchObject({ status: 'rejected' });
  });

  it('R-M3 then R-L8: a disbursement queued while suspended is refused on resuming, and the treasury sees why and may instruct again', async () => {
    // clerk_health's 300,000.00 loan passed finance review before the cap came down; the meeting approves it now.
    const loanId = (await (await b.stack.as('auditor')).get(`/loans?fiscalYear=${YEAR}&status=in_review`)).body.items
      .find((l: { unit: { name: string }; amount: string }) => l.amount === '300000.00').id as string;
    const secretary = await b.stack.as('meeting_secretary');
    const task = await secretary.taskFor(loanId, 'executive_meeting');
    expect((await secretary.post(`/tasks/${task.id}/decision`, { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第19次常务会议' })).status).toBe(200);
    const director = await b.stack.as('director');
    expect((await director.post('/disbursement-suspension', { reason: '库款保障水平偏低，暂停支付' })).status).toBe(200);
    const page = await loginAs(b, 'treasury');
    try {
      await page.goto(b.url(`/loans/${loanId}?action=disburse`));
      await page.getByTestId('disburse-submit').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('disbursement-queued').waitFor();
    } finally {
      expect((await director.delete('/disbursement-suspension')).status).toBe(200);
    }
    const auditor = await b.stack.as('auditor');
    for (let i = 0; i < 100 && !(await auditor.get(`/loans/${loanId}`)).body.audit.some((e: { type: string }) => e.type === 'disbursement_refused'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.reload();
    const refused = page.getByTestId('disbursement-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('R-L8');
    expect(await page.getByTestId('disbursement-queued').count()).toBe(0);
    await page.getByTestId('disburse-form').waitFor();
    expect(await page.getByTestId('loan-status').textContent()).toBe('已批准待放款');
  });

  it('is not a page for a unit’s clerk', async () => {
    const page = await loginAs(b, 'clerk_edu');
    await page.goto(b.url(`/fiscal-years?year=${YEAR}`));
    await page.waitForURL((u) => u.pathname === '/budget-requests');
    expect(await page.getByRole('menuitem', { name: '财政数据' }).count()).toBe(0);
  });
});
