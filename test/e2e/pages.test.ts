import type { CDPSession, Page } from 'playwright-core';
import {
  startBrowserStack, loginAs, BrowserStack, VIEWPORTS, ViewportName, useViewport, expectNoHorizontalOverflow, expectNoRawKeys, shotAt,
} from '../support/browser';
import { decideLoanTask, executiveApproval, loanApplication } from '../support/loans';
import { dataRows, fenOf, sheetOfFile, totalsRow } from '../support/workbook';
import { THIS_YEAR } from '../support/years';
import { addDays, chinaDate, toFen } from '../../domain';

/**
 * Issue 13, page by page: every main page of the web app at a phone's size and at a desktop's, in a
 * browser running in New York's zone. Each page fits the screen, shows no raw key, labels every time it
 * shows as China time (北京时间), never writes an amount as "¥… 元", switches between 元 and 万元 where
 * it lists money, and is saved as test-artifacts/screenshots/page-<name>-<phone|desktop>.png.
 * A new page joins by adding a line to PAGES.
 */
let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(600_000);

const today = chinaDate(Date.now());
const ids: Record<string, string> = {};

beforeAll(async () => {
  const edu = await b.stack.as('clerk_edu');
  ids.request = (await edu.post('/budget-requests', { amount: '45678.90', category: 'project', purpose: '图书馆书架更新', justification: '' })).body.request.id;
  const reviewer = await b.stack.as('reviewer');
  expect((await reviewer.decide(ids.request, 'finance_review', { action: 'approve', comment: '在可用财力以内' })).status).toBe(200);

  ids.loan = (await (await b.stack.as('clerk_health')).post('/loans', loanApplication({ amount: '25000.00', purposeDetails: '卫生院药品采购临时周转' }))).body.loan.id;
  expect((await decideLoanTask(b.stack, 'reviewer', ids.loan, { action: 'approve' })).status).toBe(200);
  expect((await decideLoanTask(b.stack, 'meeting_secretary', ids.loan, executiveApproval('县政府2026年第23次常务会议'))).status).toBe(200);
  const treasury = await b.stack.as('treasury');
  await treasury.taskFor(ids.loan, 'disbursement');
  expect((await treasury.post(`/loans/${ids.loan}/disburse`, {})).status).toBe(200);
  expect((await treasury.post(`/loans/${ids.loan}/repayments`, { paymentId: 'YH-PAGES-1', amount: '5000.00', paidOn: today })).status).toBe(201);
  expect((await (await b.stack.as('director')).post(`/loans/${ids.loan}/findings`, {
    description: '借款资金经本单位转入该公司用于设备采购', enterprise: '县医疗器械有限公司', amount: '3000.00', foundOn: today,
  })).status).toBe(201);

  ids.policy = (await edu.post('/policies', { title: '农村教师生活补助', summary: '对乡村学校在岗教师按月发放生活补助。', yearlyCost: '3600000.00', scope: '全县乡村学校在岗教师' })).body.policy.id;
  ids.change = (await edu.post('/changes-of-use', {
    amount: '80000.00', fromUse: '办公楼维修', fromCategory: 'project', toUse: '防汛物资采购', toCategory: 'emergency', reason: '汛期提前，需紧急采购防汛物资。',
  })).body.changeOfUse.id;
  expect((await reviewer.post('/transfers', {
    documentNumber: '甘财社〔2026〕9号', issuingLevel: 'prefecture', amount: '250000.00', purpose: '困难群众救助补助', receivedOn: today, onwardDeadline: addDays(today, 3),
  })).status).toBe(201);
}, 180_000);

/** A page: its screenshot name, where, what shows once it has loaded, and the list on it that is cards on a phone. */
type MainPage = [name: string, path: () => string, ready: string, list?: string];
const PAGES: Record<string, MainPage[]> = {
  clerk_edu: [
    ['inbox-mine', () => '/tasks?tab=mine', 'filed-list', 'filed-list'],
    ['new-request', () => '/budget-requests/new', 'submit-request'],
    ['policies', () => '/policies', 'policy-list', 'policy-entries'],
    ['new-policy', () => '/policies/new', 'submit-policy'],
    ['policy', () => `/policies/${ids.policy}`, 'policy-page'],
    ['new-change-of-use', () => '/changes-of-use/new', 'submit-change-of-use'],
  ],
  clerk_health: [['new-loan', () => '/loans/new', 'submit-loan']],
  reviewer: [
    ['inbox', () => '/tasks', 'inbox'],
    ['inbox-done', () => '/tasks?tab=done', 'done-list', 'done-list'],
    ['duties', () => '/duties', 'duties-page'],
    ['duties-reports', () => '/duties/reports', 'reports-table'],
    ['duties-transfers', () => '/duties/transfers', 'transfers-table'],
    ['duties-risk-events', () => '/duties/risk-events', 'risk-events-table'],
    ['duties-watch', () => '/duties/watch', 'watch-table'],
  ],
  director: [
    ['dashboard', () => '/dashboard', 'dashboard'],
    ['dashboard-pending', () => '/dashboard/lists/pending', 'dashboard-list', 'dashboard-list'],
    ['dashboard-pending-loans', () => '/dashboard/lists/pending-loans', 'dashboard-list'],
    ['requests', () => '/budget-requests', 'request-list', 'request-list'],
    ['request', () => `/budget-requests/${ids.request}`, 'approval-records'],
    ['loans', () => '/loans', 'loan-list', 'loan-list'],
    ['loan', () => `/loans/${ids.loan}`, 'findings-card', 'findings'],
    ['changes-of-use', () => '/changes-of-use', 'change-of-use-list', 'change-of-use-entries'],
    ['change-of-use', () => `/changes-of-use/${ids.change}`, 'change-of-use-page'],
    ['fiscal-years', () => '/fiscal-years', 'fiscal-year-table', 'fiscal-year-table'],
    ['advances', () => '/advances', 'ledger', 'ledger'],
  ],
};

/** A date and time as a page might write it ("2026-11-27 20:05", "2026/11/27 20:05:33"). */
const DATE_TIME = /\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2})?/g;
/** "¥1,234.50 元" or "¥1,234.57万元": an amount with both currency marks. */
const DOUBLED = /¥\s*[\d,]+(?:\.\d+)?\s*万?\s*元/;

/** Every date and time on the page is labelled China time, and no amount carries both ¥ and 元; answers how many times it read. */
async function expectHonestFigures(page: Page): Promise<number> {
  const text = await page.evaluate<string>('document.body.innerText');
  const times = [...text.matchAll(DATE_TIME)];
  const unlabelled = times.filter((m) => !/^\s*\(北京时间\)/.test(text.slice(m.index! + m[0].length))).map((m) => m[0]);
  if (unlabelled.length) throw new Error(`times without (北京时间) on ${page.url()}: ${unlabelled.join(', ')}`);
  const doubled = DOUBLED.exec(text);
  if (doubled) throw new Error(`"${doubled[0]}" on ${page.url()}`);
  return times.length;
}

/** Picks `label` in the list filter `testId` as a user does (typing it where the filter searches), and waits for the address to carry it. */
async function pickFilter(page: Page, testId: string, label: string, param: string, value: string, search = false) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(label);
  await page.locator('.ant-select-item-option:visible').filter({ hasText: label }).first().click();
  await page.waitForURL((u) => u.searchParams.get(param) === value);
}

/** The numbers of the entries a list shows (rows on a desktop, cards on a phone), once it shows `total` of them and that count. */
async function shown(page: Page, list: string, total: number): Promise<string[]> {
  // A filter refetches the list, and a loaded machine can take seconds to answer: wait until the count
  // and the entries agree with what is expected. Both are read in one go in the page, so a re-render
  // between reading the count and reading the entries cannot mix two states.
  const snapshot = async () => {
    const seen = await page.evaluate<{ count: string | null; numbers: string[] }>(`({
      count: document.querySelector('[data-testid="${list}-total"]')?.textContent ?? null,
      numbers: [...document.querySelectorAll('[data-testid="${list}-list"] [data-request]')].map((e) => String(e.getAttribute('data-request'))),
    })`);
    return { ...seen, numbers: seen.numbers.sort() };
  };
  const settle = async () => {
    let seen = await snapshot();
    for (let i = 0; i < 300 && !(seen.count === String(total) && seen.numbers.length === total); i++) {
      await page.waitForTimeout(100);
      seen = await snapshot();
    }
    return seen;
  };
  let seen = await settle();
  if (seen.count !== String(total) || seen.numbers.length !== total) {
    // Say what the page showed, so a stuck list can be told from a wrong one; then read the same
    // address afresh, as a user would, which still has to show exactly the filtered list.
    const alerts = await page.getByTestId('load-error').allTextContents();
    console.warn(`the ${list} list did not settle at ${total} entries:`, JSON.stringify({ url: page.url(), ...seen, alerts }));
    await page.reload();
    seen = await settle();
  }
  return seen.numbers;
}

/** Where the page lists money, 万元 shows every amount in 万 and the page still fits; then back to 元. */
async function expectWanSwitch(page: Page) {
  const sw = page.getByTestId('money-unit');
  if (!(await sw.count()) || !(await sw.first().isVisible())) return;
  await sw.first().getByText('万元').click();
  const amounts = page.locator('.money:visible');
  if (await amounts.count()) {
    await amounts.first().filter({ hasText: '万' }).waitFor();
    const texts = await amounts.allTextContents();
    expect(texts.filter((s) => s && !s.endsWith('万'))).toEqual([]);
  }
  await expectNoHorizontalOverflow(page);
  await sw.first().getByText('元', { exact: true }).click();
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size, in a browser in New York’s zone', (vp) => {
  let cdp: CDPSession;
  let timesRead = 0;
  beforeAll(async () => {
    await useViewport(b.page, vp);
    cdp = await b.page.context().newCDPSession(b.page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
  });
  afterAll(async () => {
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: '' });
    await cdp.detach();
  });

  it('the login page fits', async () => {
    const page = b.page;
    await page.goto(b.url('/login'));
    await page.evaluate('localStorage.clear()');
    await page.goto(b.url('/login'));
    await page.getByTestId('login-submit').waitFor();
    expect(await page.evaluate<string>('Intl.DateTimeFormat().resolvedOptions().timeZone')).toBe('America/New_York');
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'page-login', vp);
  });

  it('the request list finds a request by its purpose and filters by step and filing date as a user picks them', async () => {
    const api = await b.stack.as('director');
    const number = (await api.get(`/budget-requests/${ids.request}`)).body.request.number;
    const page = await loginAs(b, 'director');
    await page.goto(b.url('/budget-requests'));
    await page.getByTestId('filter-q').locator('input').fill('图书馆书架');
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '图书馆书架');
    expect(await shown(page, 'request', 1)).toEqual([number]);
    await page.getByTestId('filter-q').locator('input').fill('');
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await page.waitForURL((u) => !u.searchParams.get('q'));

    await pickFilter(page, 'filter-step', '向县委政府主要领导和分管领导汇报', 'step', 'leader_briefing');
    const atBriefing = (await api.get('/budget-requests?step=leader_briefing')).body;
    expect(await shown(page, 'request', atBriefing.total)).toEqual(atBriefing.items.map((r: { number: string }) => r.number).sort());
    expect(await shown(page, 'request', atBriefing.total)).toContain(number);
    // filing dates, typed into the range picker's two inputs: today is in, tomorrow on leaves nothing
    const dates = page.getByTestId('filter-dates');
    for (const [from, to, total] of [[addDays(today, 1), addDays(today, 2), 0], [today, today, atBriefing.total]] as const) {
      await dates.first().click();
      await dates.first().fill(from);
      await dates.first().press('Enter');
      await dates.last().fill(to);
      await dates.last().press('Enter');
      await page.waitForURL((u) => u.searchParams.get('from') === from && u.searchParams.get('to') === to);
      await page.getByTestId('request-total').filter({ hasText: new RegExp(`^${total}$`) }).waitFor();
    }
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'page-requests-filtered', vp);
  });

  it('the loan list filtered by unit, year and status sums and exports to Excel exactly what it shows', async () => {
    const page = await loginAs(b, 'director');
    await page.goto(b.url('/loans'));
    await pickFilter(page, 'filter-unit', '县卫生健康委员会', 'unitId', 'unit-wjw', true);
    await pickFilter(page, 'filter-year', String(THIS_YEAR), 'fiscalYear', String(THIS_YEAR));
    await pickFilter(page, 'filter-status', '还款期', 'status', 'disbursed');
    const api = (await (await b.stack.as('director')).get(`/loans?unitId=unit-wjw&fiscalYear=${THIS_YEAR}&status=disbursed`)).body;
    const numbers = await shown(page, 'loan', api.total);
    expect(numbers).toEqual(api.items.map((l: { number: string }) => l.number).sort());
    expect((await page.getByTestId('loan-sums').textContent())!.replace(/[,¥]/g, '')).toContain(`未还合计 ${api.outstanding}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`loans-${THIS_YEAR}.xlsx`);
    const ws = await sheetOfFile((await download.path())!);
    const header = Array.from(ws.getRow(2).values as unknown[], (v) => String(v ?? ''));
    const numberCol = header.findIndex((h) => h.includes('编号'));
    const amountCol = header.findIndex((h) => h.includes('金额'));
    const rows = dataRows(ws);
    expect(rows.map((r) => String(r[numberCol])).sort()).toEqual(numbers);
    const sum = rows.reduce((s, r, i) => s + fenOf(ws.getRow(3 + i).getCell(amountCol)), 0n);
    expect(fenOf(totalsRow(ws).getCell(amountCol))).toBe(sum);
    expect(sum).toBe(toFen(api.amount));
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'page-loans-filtered', vp);
  });

  it.each(Object.keys(PAGES))('%s’s pages fit, say every time in China time and switch 元/万元', async (user) => {
    const page = await loginAs(b, user);
    for (const [name, path, ready, list] of PAGES[user]) {
      await page.goto(b.url(path()));
      await page.getByTestId(ready).first().waitFor();
      if (list) {
        const entry = page.locator(`[data-testid="${list}"] [data-request]`).first();
        await entry.waitFor();
        expect(`${name}: ${await entry.getAttribute('class')}`).toContain(vp === 'phone' ? 'list-card' : 'ant-table-row');
      }
      await expectNoHorizontalOverflow(page);
      await expectNoRawKeys(page);
      timesRead += await expectHonestFigures(page);
      await expectWanSwitch(page);
      await shotAt(page, `page-${name}`, vp);
    }
  });

  it('read times on the pages above (history, decisions, filings), so the (北京时间) check is not empty', () => {
    expect(timesRead).toBeGreaterThan(5);
  });
});
