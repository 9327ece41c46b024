import { startBrowserStack, loginAs, BrowserStack, shot, decideInInbox } from '../support/browser';

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
    await page.locator('#loanFiscalYear').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2026' }).first().click();
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
    const api = (await (await b.stack.as('director')).get('/advances/2026')).body.position;
    const page = await loginAs(b, 'director');
    await page.goto(b.url('/dashboard?fiscalYear=2026'));
    await page.getByTestId('advances-gauge').locator('canvas').waitFor();
    const text = async (testId: string) => (await page.getByTestId(testId).textContent())!.replace(/[\s,¥]/g, '');
    expect(await text('adv-reserved')).toContain(api.reserved);
    expect(await text('adv-outstanding')).toContain(api.outstanding);
    expect(api.reserved).toBe('300000.00');
    await shot(page, 'dashboard-loans');
    await page.getByTestId('adv-reserved').click();
    await page.getByTestId('loan-total').waitFor();
    expect(await page.getByTestId('loan-total').textContent()).toBe('1');
  });
});
