import ExcelJS from 'exceljs';
import { THIS_YEAR } from '../support/years';
import { setLoanDueDate } from '../support/loans';
import {
  startBrowserStack, loginAs, BrowserStack, shot, shotAt, decideInInbox, openTaskRow, useViewport, expectNoHorizontalOverflow, expectInsideViewport,
} from '../support/browser';
import { addDays, chinaDate } from '../../domain';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

describe('a loan, applied for and approved in the browser', () => {
  let id = '';
  let number = '';

  it('lets a clerk apply, checking R-L1–R-L5 and R-L9 as they type', async () => {
    const page = await loginAs(b, 'clerk_health');
    await page.goto(b.url('/loans/new'));
    // The year is shown, not chosen: the China year of now (the loan takes the year it is disbursed in).
    expect(await page.getByTestId('loan-fiscal-year').textContent()).toBe(String(THIS_YEAR));
    await page.locator('#loanAmount').fill('300000.00');
    await page.getByText('突发事件临时急需垫款').click();
    await page.locator('#purposeDetails').fill('流感疫情应急物资采购垫款');
    await page.locator('#repaymentSource').fill('省级疫情防控补助资金下达后归还');
    await page.locator('#termMonths').fill('18');
    const term = page.getByTestId('error-termMonths');
    await term.waitFor();
    expect(await term.textContent()).toContain('R-L4');
    expect(await term.textContent()).toContain('借款期限不得超过一年');
    await page.locator('#termMonths').fill('6');
    await term.waitFor({ state: 'detached' });
    await page.getByTestId('submit-loan').click();
    // R-L2: the declaration is still missing.
    expect(await page.getByTestId('error-noOnLendingDeclared').textContent()).toContain('R-L2');
    await page.locator('#noOnLending').check();
    await page.getByTestId('submit-loan').click();
    await page.getByTestId('loan-page').waitFor();
    id = page.url().split('/').pop()!;
    number = (await (await b.stack.as('clerk_health')).get(`/loans/${id}`)).body.loan.number;
    expect(await page.getByTestId('loan-status').textContent()).toBe('审批中');
  });

  it('is approved by the reviewer (R-L8) and the executive meeting (R-L6) in the inbox', async () => {
    await decideInInbox(b, 'reviewer', number, 'approve', { comment: '暂付款规模在上限以内' });
    await decideInInbox(b, 'meeting_secretary', number, 'approve', { meetingReference: '县政府2026年第16次常务会议' });
    const loan = (await (await b.stack.as('clerk_health')).get(`/loans/${id}`)).body;
    expect(loan.loan).toMatchObject({ status: 'approved', step: 'disbursement' });
    expect(loan.decisions.map((d: { actorId: string; action: string }) => `${d.actorId}:${d.action}`)).toEqual(['user-reviewer:approve', 'user-meeting:approve']);
    const page = await loginAs(b, 'clerk_health');
    await page.goto(b.url(`/loans/${id}`));
    await page.getByText('县政府2026年第16次常务会议').waitFor();
    await shot(page, 'loan-page');
  });

  it('shows the advances against the 5% cap on the dashboard, matching the API', async () => {
    const api = (await (await b.stack.as('director')).get('/advances')).body.position;
    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/dashboard?fiscalYear=${THIS_YEAR}`));
    await page.getByTestId('advances-gauge').locator('canvas').waitFor();
    const text = async (testId: string) => (await page.getByTestId(testId).textContent())!.replace(/[\s,¥]/g, '');
    expect(await text('adv-reserved')).toContain(api.reserved);
    expect(await text('adv-outstanding')).toContain(api.outstanding);
    expect(api.reserved).toBe('300000.00');
    // the gauge's two readings: what is out, and what R-L8 counts (the approved loan included)
    expect(await text('adv-ratio')).toBe(`${api.ratioPercent}%`);
    expect(await text('adv-held-ratio')).toBe(`${api.heldPercent}%`);
    // the approved loan now waits on the treasury: the card's numbers are the dashboard API's
    const pending = (await (await b.stack.as('director')).get(`/dashboard?fiscalYear=${THIS_YEAR}`)).body.pendingLoans;
    const atTreasury = pending.byStep.find((s: { step: string }) => s.step === 'disbursement');
    expect(atTreasury).toMatchObject({ count: 1, amount: '300000.00', oldestNumber: number });
    expect(await text('pending-loans-count-disbursement')).toBe('1');
    expect(await text('pending-loans-amount-disbursement')).toBe(atTreasury.amount);
    await shot(page, 'dashboard-loans');
    await page.getByTestId('pending-loans-count-disbursement').click();
    await page.getByTestId('list-total').waitFor();
    expect(await page.getByTestId('list-total').textContent()).toBe('1');
    await page.getByRole('link', { name: number }).waitFor();
    await page.goto(b.url(`/dashboard?fiscalYear=${THIS_YEAR}`));
    await page.getByTestId('adv-reserved').click();
    await page.getByTestId('loan-total').waitFor();
    expect(await page.getByTestId('loan-total').textContent()).toBe('1');
  });

  it('is disbursed by the treasury from the inbox, naming the responsible officer (R-L7), and repaid in two payments', async () => {
    // A second treasury officer, so naming one is a real choice.
    await b.stack.prisma.user.create({ data: { id: 'user-treasury-2', username: 'treasury2', displayName: '钱出纳（国库股）', email: 'treasury2@county.local', passwordHash: 'x', roles: ['treasury_officer'] } });
    const page = await loginAs(b, 'treasury');
    const row = await openTaskRow(b, page, number);
    await row.getByTestId('open-disburse').click();
    await page.getByTestId('disburse-form').waitFor();
    expect(page.url()).toContain(`/loans/${id}?action=disburse`);

    // R-L4 as they type: more than a year away is refused before anything is sent.
    const today = chinaDate(Date.now());
    await page.locator('#dueDate').fill(addDays(today, 400));
    const due = page.getByTestId('error-dueDate');
    await due.waitFor();
    expect(await due.textContent()).toContain('R-L4');
    expect(await due.textContent()).toContain('借款期限不得超过一年');
    await shot(page, 'loan-disburse-form');
    const dueDate = addDays(today, 90);
    await page.locator('#dueDate').fill(dueDate);
    await due.waitFor({ state: 'detached' });

    await page.locator('#responsibleOfficer').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '钱出纳（国库股）' }).click();
    await page.locator('#disburseReference').fill('国库支付凭证 2026-0901');
    await page.getByTestId('disburse-submit').click();
    // 放款 cannot be undone: the amount and what follows are confirmed first
    const confirm = page.getByTestId('confirm-disburse');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('¥300,000.00');
    expect(await confirm.textContent()).toContain('不能撤销');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('repayment-form').waitFor();
    expect(await page.getByTestId('loan-status').textContent()).toBe('还款期');
    expect(await page.getByTestId('loan-officer').textContent()).toBe('钱出纳（国库股）');
    expect(await page.getByTestId('loan-due').textContent()).toBe(dueDate);
    expect(await page.getByTestId('loan-outstanding').textContent()).toBe('¥300,000.00');
    const disbursed = (await (await b.stack.as('clerk_health')).get(`/loans/${id}`)).body.loan;
    expect(disbursed).toMatchObject({ status: 'disbursed', responsibleOfficerId: 'user-treasury-2', dueDate, outstanding: '300000.00' });

    // R-L10: more than is owed is refused as they type; a partial repayment, then the rest.
    await page.locator('#paymentId').fill('YH-2026-0901');
    await page.locator('#repaymentAmount').fill('300000.01');
    const amount = page.getByTestId('error-amount');
    await amount.waitFor();
    expect(await amount.textContent()).toContain('R-L10');
    await page.locator('#repaymentAmount').fill('120000.50');
    await amount.waitFor({ state: 'detached' });
    await page.getByTestId('repayment-submit').click();
    await page.getByTestId('loan-outstanding').filter({ hasText: '¥179,999.50' }).waitFor();
    expect(await page.getByTestId('repayments').locator('tbody tr').count()).toBe(1);

    await page.locator('#paymentId').fill('YH-2026-0915');
    await page.getByTestId('repay-in-full').click();
    expect(await page.locator('#repaymentAmount').inputValue()).toBe('179,999.50');
    expect(await page.getByTestId('capitals-repaymentAmount').textContent()).toBe('大写：壹拾柒万玖仟玖佰玖拾玖元伍角');
    await page.getByTestId('repayment-submit').click();
    await page.getByTestId('loan-status').filter({ hasText: '已结清' }).waitFor();
    expect(await page.getByTestId('loan-outstanding').textContent()).toBe('¥0.00');
    expect(await page.getByTestId('repayments').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('treasury-card').count()).toBe(0);
    await shot(page, 'loan-repaid');
    const closed = (await (await b.stack.as('clerk_health')).get(`/loans/${id}`)).body;
    expect(closed.loan).toMatchObject({ status: 'closed', outstanding: '0.00' });
    expect(closed.repayments.map((r: { amount: string }) => r.amount)).toEqual(['120000.50', '179999.50']);
  });

  it('R-M3: while disbursements are suspended the treasury’s disbursement is queued, and the page says so', async () => {
    const loanId = await approvedLoan('clerk_edu', '1000.00');
    const director = await b.stack.as('director');
    expect((await director.post('/disbursement-suspension', { reason: '库款保障水平偏低，暂停支付' })).status).toBe(200);
    try {
      const page = await loginAs(b, 'treasury');
      await page.goto(b.url(`/loans/${loanId}?action=disburse`));
      await page.getByTestId('disburse-submit').click();
      await page.getByTestId('confirm-ok').click();
      const queued = page.getByTestId('disbursement-queued');
      await queued.waitFor();
      expect(await queued.textContent()).toContain('暂停支付期间已排队');
      expect(await page.getByTestId('loan-status').textContent()).toBe('已批准待放款');
    } finally {
      await director.delete('/disbursement-suspension');
    }
  });

  it('drills down from the dashboard’s overdue ageing to a list of exactly that bucket, and exports it', async () => {
    // Three loans made overdue as if time had passed: 5, 40 and 45 days.
    const treasury = await b.stack.as('treasury');
    for (const [amount, days] of [['2000.00', 5], ['3000.00', 40], ['4000.00', 45]] as const) {
      const loanId = await approvedLoan('clerk_water', amount);
      expect((await treasury.post(`/loans/${loanId}/disburse`, {})).status).toBe(200);
      await setLoanDueDate(b.stack, loanId, addDays(chinaDate(Date.now()), -days));
    }
    const position = (await (await b.stack.as('director')).get('/advances')).body.position;
    expect(position.overdue.ageing['31-90']).toEqual({ count: 2, outstanding: '7000.00' });

    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/dashboard?fiscalYear=${THIS_YEAR}`));
    const cell = page.getByTestId('ageing-31-90');
    await cell.waitFor();
    expect(await cell.textContent()).toBe('2');
    await cell.click();
    await page.getByTestId('loan-total').waitFor();
    expect(await page.getByTestId('loan-total').textContent()).toBe('2');
    expect(await page.getByTestId('loan-list-title').textContent()).toContain('逾期31–90天');
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(2);
    expect((await page.getByTestId('loan-sums').textContent())!.replace(/,/g, '')).toContain('未还合计 ¥7000.00');
    await shot(page, 'loans-overdue-31-90');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    // County-wide (R-L8 counts every year's loans): the bucket's list carries no year.
    expect(download.suggestedFilename()).toBe('loans-all-overdue-31-90.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('逾期31–90天');
    expect(ws.rowCount).toBe(2 + 2 + 1); // caption, header, two loans, totals
  });

  it('R-L2: the finance director records a finding on a disbursed loan; the page and the list flag it 转借企业', async () => {
    const loanId = await approvedLoan('clerk_edu', '9000.00');
    expect((await (await b.stack.as('treasury')).post(`/loans/${loanId}/disburse`, {})).status).toBe(200);
    const { number } = (await (await b.stack.as('director')).get(`/loans/${loanId}`)).body.loan;

    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/loans/${loanId}`));
    const card = page.getByTestId('findings-card');
    await card.getByText('未发现转借企业情况').waitFor();
    expect(await card.textContent()).toContain('R-L2 转借企业情况');
    // more than was lent is refused as it is typed, naming the loan amount
    await page.locator('#findingAmount').fill('9000.01');
    const amount = page.getByTestId('error-amount');
    await amount.waitFor();
    expect(await amount.textContent()).toContain('不能超过借款金额 9000.00 元');
    await page.locator('#findingAmount').fill('4500.00');
    await amount.waitFor({ state: 'detached' });
    await page.getByTestId('finding-submit').click();
    expect(await page.getByTestId('error-enterprise').textContent()).toContain('企业名称');
    await page.locator('#findingEnterprise').fill('县教育后勤服务有限公司');
    await page.locator('#findingDescription').fill('银行流水核对发现，借款资金经教育局转入该公司用于食堂改造');
    await page.getByTestId('finding-submit').click();

    const row = page.getByTestId('findings').locator('tbody tr').filter({ hasText: '县教育后勤服务有限公司' });
    await row.waitFor();
    expect(await row.textContent()).toContain('¥4,500.00');
    expect(await row.textContent()).toContain('刘洋（财政局局长）');
    expect(await row.textContent()).toContain(chinaDate(Date.now()));
    expect(await page.locator('[data-flag="R-L2"]').first().textContent()).toContain('转借企业');
    await shotAt(page, 'loan-finding', 'desktop');
    const recorded = (await (await b.stack.as('director')).get(`/loans/${loanId}`)).body;
    expect(recorded.findings).toEqual([expect.objectContaining({ enterprise: '县教育后勤服务有限公司', amount: '4500.00', recordedById: 'user-director' })]);

    // the list flags it, and R-L2 only lists exactly that loan
    await page.goto(b.url('/loans'));
    const listed = page.locator('tr.ant-table-row').filter({ hasText: number });
    await listed.waitFor();
    expect(await listed.locator('[data-flag="R-L2"]').textContent()).toContain('转借企业 R-L2');
    await page.getByTestId('filter-finding').click();
    await page.getByTestId('loan-list-title').filter({ hasText: '转借企业（R-L2）' }).waitFor();
    await page.getByTestId('loan-total').filter({ hasText: /^1$/ }).waitFor();
    expect(await page.locator('tr.ant-table-row').count()).toBe(1);
    expect(await page.locator('tr.ant-table-row').textContent()).toContain(number);
    await shot(page, 'loans-r-l2');

    // the borrowing unit's clerk reads it and cannot record one
    const clerk = await loginAs(b, 'clerk_edu');
    await clerk.goto(b.url(`/loans/${loanId}`));
    await clerk.getByTestId('findings').getByText('县教育后勤服务有限公司').waitFor();
    expect(await clerk.getByTestId('finding-form').count()).toBe(0);

    // on a phone the director records a second finding; each finding is a card, their total under them
    try {
      await useViewport(b.page, 'phone');
      const phone = await loginAs(b, 'director');
      await phone.goto(b.url(`/loans/${loanId}`));
      await phone.locator('#findingEnterprise').fill('县城乡供水有限公司');
      await phone.locator('#findingAmount').fill('1200.50');
      await phone.locator('#findingDescription').fill('借款资金转入该公司支付管网维修款');
      await expectInsideViewport(phone, phone.getByTestId('finding-submit'));
      await phone.getByTestId('finding-submit').click();
      const cards = phone.locator('[data-testid="findings"] .list-card');
      await cards.filter({ hasText: '县城乡供水有限公司' }).waitFor();
      expect(await cards.count()).toBe(2);
      expect(await cards.filter({ hasText: '县教育后勤服务有限公司' }).textContent()).toContain('¥4,500.00');
      expect(await phone.getByTestId('findings').textContent()).toContain('合计¥5,700.50');
      await expectNoHorizontalOverflow(phone);
      await shotAt(phone, 'loan-finding', 'phone');
    } finally {
      await useViewport(b.page, 'desktop');
    }
    // the desktop table sums them in its summary row
    await page.reload();
    expect(await page.getByTestId('findings').locator('.ant-table-summary').textContent()).toContain('¥5,700.50');
  });
});

/** Files a loan for `clerk` and has it approved through the API, up to the treasury's disbursement. */
async function approvedLoan(clerk: string, amount: string): Promise<string> {
  const created = await (await b.stack.as(clerk)).post('/loans', {
    amount, purpose: 'temporary_turnover', purposeDetails: '工资发放临时周转', repaymentSource: '下月转移支付到账后归还',
    termMonths: 3, noOnLendingDeclared: true, fundsNewSpending: false,
  });
  expect(created.status).toBe(201);
  const loanId = created.body.loan.id as string;
  for (const [user, decision] of [['reviewer', { action: 'approve' }], ['meeting_secretary', { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第17次常务会议' }]] as const) {
    const u = await b.stack.as(user);
    const task = await u.taskFor(loanId);
    expect((await u.post(`/tasks/${task.id}/decision`, decision)).status).toBe(200);
  }
  await (await b.stack.as('treasury')).taskFor(loanId, 'disbursement');
  return loanId;
}
