import type { Page } from 'playwright-core';
import { THIS_YEAR } from '../support/years';
import { startBrowserStack, loginAs, BrowserStack, shot, openTaskRow as openRow, decideInInbox as decideAs } from '../support/browser';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

const openTaskRow = (page: Page, number: string) => openRow(b, page, number);
const decideInInbox = (username: string, number: string, action: string, fields?: Record<string, string>) => decideAs(b, username, number, action, fields);

async function pickOption(page: Page, selectId: string, text: string) {
  await page.locator(`#${selectId}`).click();
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

describe('a supplementary budget, filed and decided in the browser', () => {
  let number = '';
  let id = '';

  it('lets a clerk file a request, checking the rules as they type', async () => {
    const page = await loginAs(b, 'clerk_edu');
    await page.goto(b.url('/budget-requests/new'));
    expect(await page.getByTestId('fiscal-year').textContent()).toContain(String(THIS_YEAR));
    await pickOption(page, 'category', '一般性支出');
    await page.locator('#amount').fill('12.345');
    await page.getByTestId('error-amount').waitFor();
    expect(await page.getByTestId('error-amount').textContent()).toContain('两位小数');
    await page.locator('#justification').fill('需要');
    const rb4 = page.getByTestId('error-justification');
    await rb4.waitFor();
    expect(await rb4.textContent()).toContain('R-B4');
    expect(await rb4.textContent()).toContain('原则上不得追加一般性经费');
    await shot(page, 'new-request-refused');

    await pickOption(page, 'category', '三保：保工资');
    await page.locator('#amount').fill('880000');
    await page.locator('#purpose').click(); // leaving the field writes the amount with two decimals
    expect(await page.locator('#amount').inputValue()).toBe('880,000.00');
    expect(await page.getByTestId('capitals-amount').textContent()).toBe('大写：捌拾捌万元整');
    await page.locator('#purpose').fill('乡村教师生活补助缺口');
    await page.locator('#justification').fill('年中调标后补助资金缺口，经测算需追加。');
    // The messages go away once the input is right (after antd's fade-out).
    await page.getByTestId('error-justification').waitFor({ state: 'detached' });
    await page.getByTestId('error-amount').waitFor({ state: 'detached' });
    await page.getByTestId('submit-request').click();
    await page.getByTestId('request-page').waitFor();
    id = page.url().split('/').pop()!;
    const api = (await (await b.stack.as('clerk_edu')).get(`/budget-requests/${id}`)).body.request;
    number = api.number;
    expect(api).toMatchObject({ amount: '880000.00', category: 'three_guarantees_personnel', step: 'finance_review' });
    expect(await page.getByTestId('request-status').textContent()).toBe('审批中');
  });

  it('takes a return and the clerk’s resubmission in the browser', async () => {
    const reviewerPage = await loginAs(b, 'reviewer');
    const row = await openTaskRow(reviewerPage, number);
    expect(await row.locator('[data-flag="R-B5"]').count()).toBe(1);
    expect(await row.locator('[data-rule="R-B3"]').count()).toBe(1);
    await shot(reviewerPage, 'inbox');
    await decideInInbox('reviewer', number, 'return', { comment: '请补充测算依据并压减规模' });

    const page = await loginAs(b, 'clerk_edu');
    await page.goto(b.url(`/budget-requests/${id}`));
    await page.getByTestId('revise').waitFor();
    expect(await page.getByTestId('request-status').textContent()).toBe('已退回');
    await shot(page, 'request-returned');
    await page.getByTestId('revise').click();
    await page.locator('#amount').fill('860000.00');
    await page.getByTestId('submit-request').click();
    await page.getByText('第2轮提交').waitFor();
    const api = (await (await b.stack.as('clerk_edu')).get(`/budget-requests/${id}`)).body.request;
    expect(api).toMatchObject({ round: 2, amount: '860000.00', step: 'finance_review' });
  });

  it('is decided by the reviewer, the three leaders, the meeting secretary and the NPC liaison, each in the browser', async () => {
    await decideInInbox('reviewer', number, 'approve', { comment: '财力可以保障' });
    for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) await decideInInbox(leader, number, 'acknowledge');
    await decideInInbox('meeting_secretary', number, 'approve', { meetingReference: '县政府第15次常务会议' });
    await decideInInbox('npc_liaison', number, 'approve', { resolutionReference: '县人大常委会〔2026〕12号批复' });
    const api = (await (await b.stack.as('clerk_edu')).get(`/budget-requests/${id}`)).body;
    expect(api.request).toMatchObject({ status: 'executed', step: 'executed' });
    expect(api.decisions.map((d: { actorId: string }) => d.actorId)).toEqual([
      'user-reviewer', 'user-clerk-edu', 'user-reviewer', 'user-secretary', 'user-mayor', 'user-vice-edu', 'user-meeting', 'user-npc',
    ]);
  });

  it('shows the whole history on the request page', async () => {
    const page = await loginAs(b, 'clerk_edu');
    await page.goto(b.url(`/budget-requests/${id}`));
    await page.getByTestId('history').waitFor();
    expect(await page.getByTestId('request-status').textContent()).toBe('已批复执行');
    const decisions = await page.locator('[data-decision]').evaluateAll((els) => els.map((e) => e.getAttribute('data-decision')));
    expect(decisions).toEqual([
      'finance_review:return', 'revision:resubmit', 'finance_review:approve', 'leader_briefing:acknowledge', 'leader_briefing:acknowledge',
      'leader_briefing:acknowledge', 'executive_meeting:approve', 'npc_approval:approve',
    ]);
    expect(await page.locator('[data-round]').count()).toBe(2);
    const history = await page.getByTestId('history').textContent();
    for (const text of ['请补充测算依据并压减规模', '县政府第15次常务会议', '县人大常委会〔2026〕12号批复', '陈红（预算股审核人）', '张书记（县委书记）', '何主任（人大常委会联络人）']) {
      expect(history).toContain(text);
    }
    expect(await page.getByTestId('reservation-status').textContent()).toContain('已承诺');
    expect(await page.getByTestId('schedule').locator('tbody tr').count()).toBe(1);
    await shot(page, 'request-page');
  });

  it('shows the director a dashboard whose numbers match the API, with drill-down and Excel export', async () => {
    // One more request waiting at finance review, so the pending numbers are not all zero.
    const clerk = await b.stack.as('clerk_water');
    const more = await clerk.post('/budget-requests', { amount: '125000.00', category: 'project', purpose: '防汛物资储备', justification: '' });
    expect(more.status).toBe(201);
    await (await b.stack.as('reviewer')).taskFor(more.body.request.id);

    const page = await loginAs(b, 'director');
    await page.goto(b.url(`/dashboard?fiscalYear=${THIS_YEAR}`));
    await page.getByTestId('resources-chart').locator('canvas').waitFor();
    const api = (await (await b.stack.as('director')).get(`/dashboard?fiscalYear=${THIS_YEAR}`)).body;
    const text = async (testId: string) => (await page.getByTestId(testId).textContent())!.replace(/[\s,¥]/g, '');
    expect(await text('stat-pending-total')).toContain(String(api.pending.total));
    expect(await text('stat-committed')).toContain(api.resources.committed);
    expect(await text('stat-reserved')).toContain(api.resources.reserved);
    expect(await text('stat-remaining')).toBe(api.resources.remaining);
    expect(await text('stat-available')).toBe(api.resources.availableResources);
    for (const s of api.pending.byStep) expect(await text(`pending-count-${s.step}`)).toBe(String(s.count));
    await shot(page, 'dashboard');

    await page.getByTestId('pending-count-finance_review').click();
    await page.getByTestId('list-total').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('list-total').textContent()).toBe(String(api.pending.byStep.find((s: { step: string }) => s.step === 'finance_review').count));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('pending-2026.xlsx');
  });

  it('opens the task from the e-mail’s inbox link, in English on request', async () => {
    const reviewer = await b.stack.as('reviewer');
    const waiting = (await reviewer.get('/tasks')).body.items[0];
    const page = await loginAs(b, 'reviewer');
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByText('My tasks').first().waitFor();
    await page.goto(b.url(`/tasks/${waiting.id}`));
    await page.locator('.ant-modal').getByText(waiting.request.number).waitFor();
    expect(await page.locator('.ant-modal').getByText('Approve').count()).toBeGreaterThan(0);
    await shot(page, 'inbox-task-en');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByText('我的待办').first().waitFor();
  });

  it('keeps other units’ clerks out, and shows auditors everything without actions', async () => {
    const other = await loginAs(b, 'clerk_water');
    await other.goto(b.url(`/budget-requests/${id}`));
    await other.getByText('只能查看本单位的申请').waitFor();

    const auditor = await loginAs(b, 'auditor');
    await auditor.goto(b.url(`/budget-requests/${id}`));
    await auditor.getByTestId('history').waitFor();
    expect(await auditor.getByTestId('revise').count()).toBe(0);
    expect(await auditor.getByText('新建申请').count()).toBe(0);
    await auditor.goto(b.url(`/dashboard?fiscalYear=${THIS_YEAR}`));
    await auditor.getByTestId('stat-pending-total').waitFor();
    expect(await auditor.getByText('仅显示本单位').count()).toBe(0);
  });
});
