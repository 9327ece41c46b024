import type { Page } from 'playwright-core';
import {
  startBrowserStack, loginAs, BrowserStack, VIEWPORTS, ViewportName, useViewport, expectNoHorizontalOverflow, expectInsideViewport,
  shotAt, openTaskEntry, expectNoRawKeys,
} from '../support/browser';
import { addYuan, subYuan, toFen } from '../../domain';
import { THIS_YEAR } from '../support/years';
import { dataRows, fenOf, sheetOfFile, totalsRow } from '../support/workbook';

/**
 * Issue 13: the main flows (a clerk files, a leader acknowledges, the reviewer approves, the meeting
 * and the NPC decide, the director reads the dashboard; a loan is reviewed and disbursed) at a phone's
 * size and at a desktop's, with no page wider than the screen and every action button on screen.
 * Each step saves a screenshot per size to test-artifacts/screenshots/.
 */
let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

/** "¥1,234,567.80", as the pages write an amount. */
const yuanText = (amount: string) => {
  const [whole, frac] = amount.replace('-', '').split('.');
  return `${amount.startsWith('-') ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};
/** A timestamp as the pages show it: China time, labelled, whatever the browser's zone. */
const chinaTime = (iso: string) => `${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} (北京时间)`;

async function pickOption(page: Page, selectId: string, text: string) {
  await page.locator(`#${selectId}`).click();
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Goes to a section the way a user does: the drawer menu on a phone, the header menu on a desktop. */
async function navigate(page: Page, vp: ViewportName, label: string) {
  if (vp === 'phone') {
    const item = page.locator('.ant-drawer').getByRole('menuitem', { name: label, exact: true });
    if (!(await item.isVisible())) await page.getByTestId('menu-button').click();
    await item.click();
    await item.waitFor({ state: 'hidden' }); // the drawer closes once a section is chosen
  } else {
    await page.locator('.app-header').getByRole('menuitem', { name: label, exact: true }).click();
  }
}

/** The e-mail to `username` whose subject has all of `words`, once it has arrived (mail goes out on its own activity). */
async function mailTo(username: string, ...words: string[]) {
  for (let i = 0; i < 200; i++) {
    const m = b.stack.smtp.received.find((x) => x.to.some((t) => t.startsWith(`${username}@`)) && words.every((w) => x.subject.includes(w)));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${username} about ${words.join(' ')}`);
}

/** Ticks or clears 邮件附英文 where the user finds it: in the drawer on a phone (left open for `navigate`), in the header on a desktop. */
async function setMailEnglish(page: Page, vp: ViewportName, on: boolean) {
  if (vp === 'phone') await page.getByTestId('menu-button').click();
  const box = page.locator(vp === 'phone' ? '.ant-drawer' : '.app-header').getByRole('checkbox', { name: '邮件附英文' });
  if ((await box.isChecked()) !== on) {
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.ok()), box.click()]);
  }
}

/** On a phone a list entry is a card (never a table row running off the screen), its link on screen. */
async function expectListEntry(page: Page, vp: ViewportName, list: string, number: string) {
  await page.waitForLoadState('networkidle'); // a filter just picked refetches the list: read the new one, not the old
  const entry = page.locator(`[data-testid="${list}"] [data-request="${number}"]`).first();
  // the link, not just the entry: a list being refetched after a filter can hold the entry for a moment
  // without it, or drop it while the new answer replaces the old: look again then
  for (let attempt = 0; ; attempt++) {
    try {
      await entry.getByRole('link', { name: number }).waitFor();
      expect(await entry.getAttribute('class')).toContain(vp === 'phone' ? 'list-card' : 'ant-table-row');
      await expectInsideViewport(page, entry.getByRole('link', { name: number }));
      return;
    } catch (e) {
      if (attempt >= 2 || !/nothing matches|detached/.test(String(e))) throw e;
    }
  }
}

/** Opens the decision dialog of `number` for `action` and returns it, checking the page and the dialog fit the screen. */
async function openDecision(page: Page, vp: ViewportName, number: string, action: string) {
  const entry = await openTaskEntry(b, page, number);
  await expectNoHorizontalOverflow(page);
  await shotAt(page, `inbox-${action}`, vp);
  if (vp === 'phone') expect(await entry.getAttribute('class')).toContain('task-card');
  await expectInsideViewport(page, entry.locator('[data-testid^="decide-"]'));
  await entry.getByTestId(`decide-${action}`).click();
  const modal = page.locator('.ant-modal');
  await modal.waitFor();
  return modal;
}

async function submitDecision(page: Page, number: string) {
  const modal = page.locator('.ant-modal');
  await expectInsideViewport(page, modal.getByTestId('decision-submit'));
  await modal.getByTestId('decision-submit').click();
  await page.locator(`[data-testid="inbox"] [data-request="${number}"]`).waitFor({ state: 'detached' });
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size', (vp) => {
  let id = '';
  let number = '';
  const amount = vp === 'phone' ? '1234567.80' : '2345678.90';

  beforeAll(async () => { await useViewport(b.page, vp); });

  it('the login page and the clerk’s form fit; amounts are grouped as typed and written in capitals', async () => {
    const page = b.page;
    await page.goto(b.url('/login'));
    await page.evaluate('localStorage.clear()');
    await page.goto(b.url('/login'));
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'login', vp);

    await loginAs(b, 'clerk_edu');
    // Chinese-only e-mails on the phone, with the English lines on the desktop (checked once the request is executed)
    await setMailEnglish(page, vp, vp === 'desktop');
    await navigate(page, vp, '新建申请');
    await page.locator('#amount').waitFor();
    await pickOption(page, 'category', '项目支出');
    await page.locator('#amount').fill(amount.slice(0, -1)); // "1234567.8"
    expect(await page.locator('#amount').inputValue()).toBe(yuanText(amount).slice(1, -1));
    await page.locator('#purpose').click();
    expect(await page.locator('#amount').inputValue()).toBe(yuanText(amount).slice(1));
    expect(await page.getByTestId('capitals-amount').textContent()).toBe(vp === 'phone' ? '大写：壹佰贰拾叁万肆仟伍佰陆拾柒元捌角' : '大写：贰佰叁拾肆万伍仟陆佰柒拾捌元玖角');
    await page.locator('#purpose').fill(`乡村学校校舍维修（${vp}）`);
    await expectNoHorizontalOverflow(page);
    await expectInsideViewport(page, page.getByTestId('submit-request'));
    await shotAt(page, 'new-request', vp);
    await page.getByTestId('submit-request').click();
    await page.getByTestId('request-page').waitFor();
    id = page.url().split('/').pop()!;
    const detail = (await (await b.stack.as('clerk_edu')).get(`/budget-requests/${id}`)).body;
    number = detail.request.number;
    expect(detail.request.amount).toBe(amount);
    await expectNoHorizontalOverflow(page);
    expect(await page.getByTestId('request-capitals').textContent()).toContain('元');
    // every time in China time, labelled, though this browser runs in New York's zone
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
    await page.reload();
    await page.getByTestId('history').waitFor();
    expect(await page.getByTestId('history').textContent()).toContain(chinaTime(detail.rounds[0].submittedAt));
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: '' });
    await cdp.detach();
    await expectNoRawKeys(page);
    await shotAt(page, 'request-page', vp);

    // printed: an A4 form without the navigation or the controls, with the amount in capitals
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await page.getByTestId('print-header').isVisible()).toBe(true);
    expect(await page.getByTestId('request-capitals').isVisible()).toBe(true);
    await shotAt(page, 'request-print', vp);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the reviewer approves from the inbox, seeing the year’s remaining resources before and after (R-B3)', async () => {
    const year = (await (await b.stack.as('director')).get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear;
    const page = await loginAs(b, 'reviewer');
    const modal = await openDecision(page, vp, number, 'approve');
    const figures = modal.getByTestId('decision-figures');
    await figures.getByTestId('resources-before').waitFor();
    expect(await figures.getByTestId('resources-before').textContent()).toBe(yuanText(year.remaining));
    expect(await figures.getByTestId('resources-after').textContent()).toBe(yuanText(subYuan(year.remaining, amount)));
    await modal.getByTestId('comment').fill('财力可以保障');
    await expectNoHorizontalOverflow(page);
    await expectNoRawKeys(page);
    await shotAt(page, 'decision-dialog', vp);
    await submitDecision(page, number);
  });

  it('a leader acknowledges on the same screen; the meeting and the NPC see the earlier opinions', async () => {
    const leader = await loginAs(b, 'party_secretary');
    await openDecision(leader, vp, number, 'acknowledge');
    await submitDecision(leader, number);
    for (const name of ['county_mayor', 'vice_mayor_edu']) {
      const u = await b.stack.as(name);
      expect((await u.post(`/tasks/${(await u.taskFor(id, 'leader_briefing')).id}/decision`, { action: 'acknowledge' })).status).toBe(200);
    }

    const secretary = await loginAs(b, 'meeting_secretary');
    let modal = await openDecision(secretary, vp, number, 'approve');
    let opinions = modal.getByTestId('earlier-opinions');
    await opinions.waitFor();
    expect(await opinions.textContent()).toContain('财力可以保障');
    expect(await opinions.textContent()).toContain('已知悉');
    await modal.getByTestId('meetingReference').fill('县政府第21次常务会议');
    await shotAt(secretary, 'decision-meeting', vp);
    await submitDecision(secretary, number);

    const npc = await loginAs(b, 'npc_liaison');
    modal = await openDecision(npc, vp, number, 'approve');
    opinions = modal.getByTestId('earlier-opinions');
    await opinions.waitFor();
    expect(await opinions.textContent()).toContain('县政府第21次常务会议');
    await modal.getByTestId('resolutionReference').fill('县人大常委会〔2026〕21号批复');
    await submitDecision(npc, number);
    const done = await npc.goto(b.url('/tasks?tab=done')).then(() => npc.locator(`[data-testid="done-list"] [data-request="${number}"]`));
    await done.waitFor();
    await expectNoHorizontalOverflow(npc);
    await shotAt(npc, 'inbox-done', vp);
  });

  it('the clerk is told by an HTML e-mail, English lines as they chose, without “已已”', async () => {
    const mail = await mailTo('clerk_edu', number, '批复执行');
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.text).toContain('当前状态：已批复执行');
    expect(`${mail.subject}\n${mail.text}`).not.toContain('已已');
    expect(mail.text.includes('Your supplementary-budget request is now')).toBe(vp === 'desktop');
  });

  it('the clerk sees what they filed under 我发起的, and their dashboard shows only their unit', async () => {
    const page = await loginAs(b, 'clerk_edu');
    await page.goto(b.url('/tasks?tab=mine'));
    await expectListEntry(page, vp, 'filed-list', number);
    const filed = (await (await b.stack.as('clerk_edu')).get('/me/filed')).body;
    expect(await page.getByTestId('filed-total').textContent()).toBe(`共 ${filed.total} 笔`);
    await expectNoHorizontalOverflow(page);
    await expectNoRawKeys(page);
    await shotAt(page, 'inbox-mine', vp);
    await navigate(page, vp, '财政看板');
    await page.getByTestId('unit-resources').waitFor();
    expect(await page.getByTestId('stat-available').count()).toBe(0);
    const mine = (await (await b.stack.as('clerk_edu')).get(`/dashboard?fiscalYear=${THIS_YEAR}`)).body.resources;
    expect((await page.getByTestId('stat-committed').textContent())!.replace(/[\s,¥]/g, '')).toContain(mine.committed);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'dashboard-clerk', vp);
  });

  it('the director reads the dashboard, in 元 or 万元, and it fits', async () => {
    const api = (await (await b.stack.as('director')).get(`/dashboard?fiscalYear=${THIS_YEAR}`)).body;
    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/dashboard?fiscalYear=${THIS_YEAR}`));
    await page.getByTestId('resources-chart').locator('canvas').waitFor();
    await page.getByTestId('advances-gauge').locator('canvas').waitFor();
    await expectNoHorizontalOverflow(page);
    expect(await page.getByTestId('stat-available').textContent()).toBe(yuanText(api.resources.availableResources));
    await shotAt(page, 'dashboard', vp);
    await page.getByTestId('money-unit').getByText('万元').click();
    await page.getByTestId('stat-available').filter({ hasText: '万' }).waitFor();
    expect(await page.getByTestId('stat-available').textContent()).toBe(`¥${(Number(api.resources.availableResources) / 10000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}万`);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'dashboard-wan', vp);
    await page.getByTestId('money-unit').getByText('元', { exact: true }).click();

    // a dashboard number opens its list: the executed requests, this one among them (a card on a phone)
    await page.getByTestId('status-executed').click();
    await page.getByTestId('list-total').waitFor();
    await expectListEntry(page, vp, 'dashboard-list', number);
    await expectNoHorizontalOverflow(page);
    await expectNoRawKeys(page);
    await shotAt(page, 'dashboard-list', vp);
    await page.goto(b.url(`/fiscal-years?year=${THIS_YEAR}`));
    const yearEntry = page.locator(`[data-testid="fiscal-year-table"] [data-request="${THIS_YEAR}"]`);
    await yearEntry.waitFor();
    expect(await yearEntry.getAttribute('class')).toContain(vp === 'phone' ? 'list-card' : 'ant-table-row');
    expect(await yearEntry.getByTestId(`remaining-${THIS_YEAR}`).isVisible()).toBe(true);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'fiscal-years', vp);

    await page.goto(b.url('/advances'));
    await page.getByTestId('advances-position').waitFor();
    await page.getByTestId('reduction-plan').waitFor();
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'advances', vp);
  });

  it('the director changes a year’s figures with a reason and a document, confirming old → new; the year lists the change', async () => {
    const before = (await (await b.stack.as('director')).get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear.availableResources;
    const raised = addYuan(before, '1.00');
    const reason = `年中预算调整（${vp}）`;
    const document = `东财预〔${THIS_YEAR}〕${vp === 'phone' ? 31 : 32}号`;
    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/fiscal-years?year=${THIS_YEAR}`));
    await page.getByTestId(`edit-${THIS_YEAR}`).click();
    await page.getByTestId('fiscal-year-form').waitFor();
    await page.locator('#availableResources').fill(raised);
    await page.locator('#fyReason').fill(reason);
    await page.locator('#fyDocument').fill(document);
    await expectNoHorizontalOverflow(page);
    await expectInsideViewport(page, page.getByTestId('fy-submit'));
    await shotAt(page, 'fiscal-year-edit', vp);
    await page.getByTestId('fy-submit').click();
    const confirm = page.getByTestId('confirm-fiscal-year');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`${yuanText(before)} → ${yuanText(raised)}`);
    await expectInsideViewport(page, page.getByTestId('confirm-ok'));
    await shotAt(page, 'confirm-fiscal-year', vp);
    await page.getByTestId('confirm-ok').click();
    const changes = page.getByTestId(`changes-${THIS_YEAR}`);
    await changes.locator(`[data-change="${document}"]`).waitFor();
    expect(await changes.textContent()).toContain(reason);
    await expectNoHorizontalOverflow(page);
    expect((await (await b.stack.as('auditor')).get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear.availableResources).toBe(raised);
  });

  it('the request list searches, filters and sums what it shows, and exports exactly that', async () => {
    const page = await loginAs(b, 'director');
    await navigate(page, vp, '追加预算申请');
    await page.getByTestId('list-filters').waitFor();
    await page.getByTestId('filter-q').locator('input').fill(number);
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === number);
    await page.getByTestId('request-total').filter({ hasText: /^1$/ }).waitFor();
    expect(await page.getByTestId('request-sums').textContent()).toContain(`金额合计 ${yuanText(amount)}`);
    await expectListEntry(page, vp, 'request-list', number);
    await expectNoHorizontalOverflow(page);
    await expectNoRawKeys(page);
    await shotAt(page, 'request-list', vp);
    await page.getByTestId('money-unit').getByText('万元').click();
    await page.getByTestId('request-sums').filter({ hasText: '万' }).waitFor();
    await page.getByTestId('money-unit').getByText('元', { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('requests-all.xlsx');
    // exactly the one request shown, its amount a number, and the totals row summing it
    const ws = await sheetOfFile((await download.path())!);
    const header = (ws.getRow(2).values as unknown[]).map(String);
    const col = header.indexOf('申请金额(元) Amount');
    expect(dataRows(ws).map((r) => r[1])).toEqual([number]);
    expect(fenOf(ws.getRow(3).getCell(col))).toBe(toFen(amount));
    expect(fenOf(totalsRow(ws).getCell(col))).toBe(toFen(amount));
  });

  it('a loan: the review shows the advances headroom (R-L8) and the borrower’s loans; 放款 is confirmed; the page prints clean', async () => {
    const loanAmount = vp === 'phone' ? '30000.00' : '40000.00';
    const clerk = await loginAs(b, 'clerk_health');
    await navigate(clerk, vp, '申请借款');
    await clerk.locator('#loanAmount').waitFor();
    expect(await clerk.getByTestId('loan-form-title').textContent()).toBe('借款申请 · 县卫生健康委员会');
    // every broken rule at once, in Chinese, before anything else is filled in
    await clerk.locator('#loanAmount').fill('12.345');
    await clerk.getByTestId('submit-loan').click();
    expect(await clerk.getByTestId('error-amount').textContent()).toContain('两位小数');
    expect(await clerk.getByTestId('error-repaymentSource').textContent()).toContain('R-L5');
    expect(await clerk.getByTestId('error-noOnLendingDeclared').textContent()).toContain('R-L2');
    expect(await clerk.getByTestId('error-termMonths').textContent()).toContain('R-L4');
    await expectNoHorizontalOverflow(clerk);
    await shotAt(clerk, 'new-loan-refused', vp);
    await clerk.locator('#loanAmount').fill(loanAmount);
    await clerk.getByText('临时性周转', { exact: true }).click();
    await clerk.locator('#purposeDetails').fill(`卫生院药品采购临时周转（${vp}）`);
    await clerk.locator('#repaymentSource').fill('医保基金拨付后归还');
    await clerk.locator('#termMonths').fill('6');
    await clerk.locator('#noOnLending').check();
    await expectInsideViewport(clerk, clerk.getByTestId('submit-loan'));
    await clerk.getByTestId('submit-loan').click();
    await clerk.getByTestId('loan-page').waitFor();
    await expectNoRawKeys(clerk);
    const loanId = clerk.url().split('/').pop()!;
    const loanNumber = (await (await b.stack.as('clerk_health')).get(`/loans/${loanId}`)).body.loan.number;

    const position = (await (await b.stack.as('director')).get(`/advances/${THIS_YEAR}`)).body.position;
    const owed = (await (await b.stack.as('director')).get('/loans?unitId=unit-wjw&status=disbursed')).body;
    const reviewer = await loginAs(b, 'reviewer');
    let modal = await openDecision(reviewer, vp, loanNumber, 'approve');
    await modal.getByTestId('headroom-before').waitFor();
    expect(await modal.getByTestId('headroom-before').textContent()).toBe(yuanText(position.headroom));
    expect(await modal.getByTestId('headroom-after').textContent()).toBe(yuanText(subYuan(position.headroom, loanAmount)));
    expect(await modal.getByTestId('borrower-owes').textContent()).toContain(yuanText(owed.outstanding));
    const overdue = (await (await b.stack.as('director')).get('/loans?unitId=unit-wjw&overdue=true')).body;
    expect(await modal.getByTestId('borrower-overdue').textContent()).toContain(overdue.total ? `逾期 ${overdue.total} 笔` : '无逾期借款');
    await modal.getByTestId('comment').fill('在暂付款上限以内');
    await shotAt(reviewer, 'decision-loan', vp);
    await submitDecision(reviewer, loanNumber);

    const secretary = await loginAs(b, 'meeting_secretary');
    modal = await openDecision(secretary, vp, loanNumber, 'approve');
    await modal.getByTestId('headroom-before').waitFor();
    // reserved at the review: the headroom already counts it, shown without → with
    expect(await modal.getByTestId('headroom-before').textContent()).toBe(yuanText(position.headroom));
    expect(await modal.getByTestId('earlier-opinions').textContent()).toContain('在暂付款上限以内');
    await modal.getByTestId('meetingReference').fill('县政府2026年第22次常务会议');
    await submitDecision(secretary, loanNumber);

    const treasury = await loginAs(b, 'treasury');
    const entry = await openTaskEntry(b, treasury, loanNumber);
    await expectInsideViewport(treasury, entry.getByTestId('open-disburse'));
    await entry.getByTestId('open-disburse').click();
    await treasury.getByTestId('disburse-form').waitFor();
    await expectNoHorizontalOverflow(treasury);
    await treasury.getByTestId('disburse-submit').click();
    const confirm = treasury.getByTestId('confirm-disburse');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(yuanText(loanAmount));
    expect(await confirm.textContent()).toContain('不能撤销');
    await expectInsideViewport(treasury, treasury.getByTestId('confirm-ok'));
    await shotAt(treasury, 'confirm-disburse', vp);
    await treasury.getByTestId('confirm-ok').click();
    await treasury.getByTestId('repayment-form').waitFor();
    // the borrower's notice says the money went out (已放款), not the period it starts (还款期)
    const notice = await mailTo('clerk_health', loanNumber, '已放款');
    expect(notice.subject).not.toContain('还款期');
    await expectNoHorizontalOverflow(treasury);
    await shotAt(treasury, 'loan-page', vp);

    // printed: an A4 form without the navigation or the controls, with the amount in capitals
    await treasury.emulateMedia({ media: 'print' });
    expect(await treasury.locator('.app-header').isVisible()).toBe(false);
    expect(await treasury.getByTestId('print').isVisible()).toBe(false);
    expect(await treasury.getByTestId('repayment-form').isVisible()).toBe(false);
    expect(await treasury.getByTestId('print-header').isVisible()).toBe(true);
    expect(await treasury.getByTestId('loan-capitals').textContent()).toContain('万');
    await shotAt(treasury, 'loan-print', vp);
    await treasury.emulateMedia({ media: 'screen' });

    // a partial repayment: a card on a phone, a table row on a desktop
    const paymentId = `YH-${vp}-0901`;
    await treasury.locator('#paymentId').fill(paymentId);
    await treasury.locator('#repaymentAmount').fill('1000.00');
    await treasury.getByTestId('repayment-submit').click();
    await treasury.getByTestId('loan-outstanding').filter({ hasText: yuanText(subYuan(loanAmount, '1000.00')) }).waitFor();
    const repayment = treasury.locator(`[data-testid="repayments"] [data-request="${paymentId}"]`);
    await repayment.waitFor();
    expect(await repayment.getAttribute('class')).toContain(vp === 'phone' ? 'list-card' : 'ant-table-row');
    expect(await repayment.textContent()).toContain(yuanText('1000.00'));
    await expectNoHorizontalOverflow(treasury);
    await shotAt(treasury, 'loan-repayments', vp);

    await navigate(treasury, vp, '借款');
    await treasury.getByTestId('loan-sums').waitFor();
    await expectListEntry(treasury, vp, 'loan-list', loanNumber);
    await expectNoHorizontalOverflow(treasury);
    await expectNoRawKeys(treasury);
    await shotAt(treasury, 'loan-list', vp);
  });

  it('a clerk of a unit that may not borrow (R-L1) is told before filling in the form', async () => {
    const page = await loginAs(b, 'clerk_ctgs');
    await page.goto(b.url('/loans/new'));
    await page.getByTestId('loan-ineligible').waitFor();
    expect(await page.getByTestId('error-unit').textContent()).toContain('R-L1');
    expect(await page.locator('#loanAmount').count()).toBe(0);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'new-loan-ineligible', vp);
  });

  it('an API failure shows an error with a retry, never an empty inbox; an expired session says so on the login page', async () => {
    const page = await loginAs(b, 'reviewer');
    await page.route('**/api/tasks', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'dependency_down', message: '工作流服务暂不可用 / workflow service unavailable' } }) }));
    await page.goto(b.url('/tasks'));
    await page.getByTestId('load-error').waitFor();
    expect(await page.getByText('暂无待办').count()).toBe(0);
    await expectInsideViewport(page, page.getByTestId('retry'));
    await shotAt(page, 'inbox-error', vp);
    await page.unroute('**/api/tasks');
    await page.getByTestId('retry').click();
    await page.getByTestId('load-error').waitFor({ state: 'detached' });
    await page.getByTestId('inbox-count').waitFor();

    // the dashboard too: an error and a retry, never zeros or an endless spinner
    await page.route('**/api/dashboard', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'dependency_down', message: '数据库暂不可用 / database unavailable' } }) }));
    await page.goto(b.url('/dashboard'));
    await page.getByTestId('load-error').waitFor();
    expect(await page.getByTestId('load-error').textContent()).toContain('数据库暂不可用');
    await expectInsideViewport(page, page.getByTestId('retry'));
    await page.unroute('**/api/dashboard');
    await page.getByTestId('retry').click();
    await page.getByTestId('dashboard').waitFor();

    await page.evaluate(`localStorage.setItem('approvals.token', 'expired-or-ended-session')`);
    await page.goto(b.url('/tasks'));
    await page.getByTestId('session-expired').waitFor();
    expect(await page.getByTestId('session-expired').textContent()).toContain('登录已过期');
    await expectNoHorizontalOverflow(page);
  });

  it('否决 asks once more naming the amount; the list counts the rejected loan apart from its sum', async () => {
    const rejected = vp === 'phone' ? '7000.00' : '8000.00';
    const clerk = await b.stack.as('clerk_water');
    const created = await clerk.post('/loans', {
      amount: rejected, purpose: 'temporary_turnover', purposeDetails: `防汛物资临时周转（${vp}）`, repaymentSource: '防汛专项资金到位后归还',
      termMonths: 3, noOnLendingDeclared: true, fundsNewSpending: false,
    });
    expect(created.status).toBe(201);
    const number = created.body.loan.number;
    const page = await loginAs(b, 'reviewer');
    const modal = await openDecision(page, vp, number, 'reject');
    await modal.getByTestId('comment').fill('可由本单位资金解决');
    await modal.getByTestId('decision-submit').click();
    expect(await page.getByTestId('confirm-reject').textContent()).toContain(yuanText(rejected));
    await expectInsideViewport(page, page.getByTestId('confirm-ok'));
    await shotAt(page, 'confirm-reject', vp);
    await page.getByTestId('confirm-ok').click();
    await page.locator(`[data-testid="inbox"] [data-request="${number}"]`).waitFor({ state: 'detached' });

    // the inbox entry goes when the workflow accepts the decision; the loan's status follows in its
    // next activity, so read the sums the page must show once the rejection is on record
    const director0 = await b.stack.as('director');
    for (let i = 0; i < 100 && !(await director0.get('/loans?unitId=unit-slj&status=rejected')).body.items.some((l: { number: string }) => l.number === number); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const api = (await director0.get('/loans?unitId=unit-slj')).body;
    expect(api.rejected.count).toBeGreaterThanOrEqual(1);
    const director = await loginAs(b, 'director');
    await director.goto(b.url('/loans?unitId=unit-slj'));
    const sums = director.getByTestId('loan-sums');
    await sums.waitFor();
    expect(await sums.textContent()).toContain(`金额合计 ${yuanText(api.amount)}`);
    expect(await sums.textContent()).toContain(`另有未获批准 ${api.rejected.count} 笔 ${yuanText(api.rejected.amount)}，不计入合计`);
    await expectListEntry(director, vp, 'loan-list', number);
    await expectNoHorizontalOverflow(director);

    // the status filter, as a user picks it: only the rejected loans, their sum apart
    await director.getByTestId('filter-status').click();
    await director.locator('.ant-select-item-option').filter({ hasText: '未获批准' }).click();
    await director.waitForURL((u) => u.searchParams.get('status') === 'rejected');
    await director.getByTestId('loan-total').filter({ hasText: new RegExp(`^${api.rejected.count}$`) }).waitFor();
    await expectListEntry(director, vp, 'loan-list', number);
    expect(await sums.textContent()).toContain('金额合计 ¥0.00');
    await shotAt(director, 'loan-list-filtered', vp);
  });
});

describe('a long list is paged by the server: what is shown, summed and exported is the same filtered list', () => {
  let total = 0;
  beforeAll(async () => {
    const clerk = await b.stack.as('clerk_water');
    for (let i = 0; i < 21; i++) {
      expect((await clerk.post('/budget-requests', { amount: '100.00', category: 'project', purpose: `农田水利小额维修 ${i}`, justification: '' })).status).toBe(201);
    }
    total = (await (await b.stack.as('director')).get('/budget-requests?unitId=unit-slj')).body.total;
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size: page 2 holds the rest, the count and the sum stay the whole list’s', async (vp) => {
    await useViewport(b.page, vp);
    const page = await loginAs(b, 'director');
    await page.goto(b.url('/budget-requests?unitId=unit-slj'));
    const entries = page.locator('[data-testid="request-list"] [data-request]');
    await page.getByTestId('request-total').filter({ hasText: new RegExp(`^${total}$`) }).waitFor();
    expect(await entries.count()).toBe(20);
    expect(await entries.filter({ hasText: '农田水利小额维修 0' }).count()).toBe(0);
    const sums = await page.getByTestId('request-sums').textContent();
    await page.locator('.ant-pagination-next').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    // newest first: the first one filed is on the last page
    await entries.filter({ hasText: '农田水利小额维修 0' }).waitFor();
    expect(await entries.count()).toBe(total - 20);
    expect(await page.getByTestId('request-sums').textContent()).toBe(sums);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'request-list-page-2', vp);
  });
});

describe('the year turn (R-B11): the director’s page fits a phone and a desktop', () => {
  // last year's turn: starting this year's would carry or lapse what the other tests still have open
  const fromYear = THIS_YEAR - 1;
  let number = '';
  beforeAll(async () => {
    // a request still in its chain when last year ended: filed now (the year is derived), then dated back
    const filed = (await (await b.stack.as('clerk_edu')).post('/budget-requests', { amount: '56000.00', category: 'project', purpose: '跨年度的校舍维修', justification: '' })).body.request;
    number = filed.number;
    await b.stack.prisma.budgetRequest.update({ where: { id: filed.id }, data: { fiscalYear: fromYear } });
    const director = await b.stack.as('director');
    expect((await director.post(`/year-turns/${fromYear}/start`)).status).toBe(202);
    for (let i = 0; i < 100 && (await director.get(`/year-turns/${fromYear}`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size: the list and the decision button are on screen', async (vp) => {
    await useViewport(b.page, vp);
    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/year-turn/${fromYear}`));
    const entry = page.locator(`[data-testid="year-turn-items"] [data-request="${number}"]`);
    await entry.waitFor();
    expect(await entry.getAttribute('class')).toContain(vp === 'phone' ? 'list-card' : 'ant-table-row');
    await page.getByRole('radio', { name: '结转' }).waitFor();
    await expectNoHorizontalOverflow(page);
    await expectInsideViewport(page, page.getByTestId('decide-year-turn'));
    await expectNoRawKeys(page);
    await shotAt(page, 'year-turn', vp);
  });
});

describe('the audit trail reads in words: no recorded key or JSON unless an auditor asks for the raw record', () => {
  let requestId = '';
  let reviewerName = '';
  let loanId = '';
  beforeAll(async () => {
    const clerk = await b.stack.as('clerk_edu');
    requestId = (await clerk.post('/budget-requests', { amount: '12345.60', category: 'project', purpose: '图书馆书架更新', justification: '' })).body.request.id;
    const reviewer = await b.stack.as('reviewer');
    expect((await reviewer.post(`/tasks/${(await reviewer.taskFor(requestId)).id}/decision`, { action: 'approve', comment: '在可用财力以内' })).status).toBe(200);
    reviewerName = (await clerk.get(`/budget-requests/${requestId}`)).body.decisions[0].actorName;
    loanId = (await (await b.stack.as('clerk_health')).post('/loans', {
      amount: '2345.00', purpose: 'temporary_turnover', purposeDetails: '疫苗冷链临时周转', repaymentSource: '专项资金到位后归还',
      termMonths: 3, noOnLendingDeclared: true, fundsNewSpending: false,
    })).body.loan.id;
  });

  /** Unfolds the trail and returns its text, checked for anything a reader should not see. */
  async function trailText(page: Page) {
    await page.getByText(/^审计记录/).click();
    const trail = page.getByTestId('audit-trail');
    await trail.waitFor();
    const text = (await trail.innerText());
    expect(text).not.toMatch(/[{}"]/);
    expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/); // a camelCase field name such as fiscalYear
    expect(text).not.toMatch(/\buser-[a-z0-9-]+\b/);
    await expectNoRawKeys(page);
    return text;
  }

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size: a request’s trail for the auditor, a loan’s for its clerk', async (vp) => {
    await useViewport(b.page, vp);
    const auditor = await loginAs(b, 'auditor');
    await auditor.goto(b.url(`/budget-requests/${requestId}`));
    const text = await trailText(auditor);
    expect(text).toContain('提交申请');
    expect(text).toContain(yuanText('12345.60'));
    expect(text).toContain(`记录审批意见 · ${reviewerName}`);
    expect(text).toContain('决定：同意');
    expect(text).toContain('(北京时间)');
    await expectNoHorizontalOverflow(auditor);
    await shotAt(auditor, 'audit-trail', vp);
    // the recorded JSON is still there for the auditor, behind 原始记录
    await auditor.getByTestId('audit-raw').click();
    expect(await auditor.getByTestId('audit-json').first().textContent()).toMatch(/^\{.*\}$/);
    await expectNoHorizontalOverflow(auditor);

    const clerk = await loginAs(b, 'clerk_health');
    await clerk.goto(b.url(`/loans/${loanId}`));
    const loanText = await trailText(clerk);
    expect(loanText).toContain('申请借款');
    expect(loanText).toContain(yuanText('2345.00'));
    expect(await clerk.getByTestId('audit-raw').count()).toBe(0);
    await expectNoHorizontalOverflow(clerk);
  });
});
