import type { Page } from 'playwright-core';
import {
  startBrowserStack, loginAs, BrowserStack, VIEWPORTS, ViewportName, useViewport, expectNoHorizontalOverflow, navigate, expectInsideViewport, shotAt, openTaskEntry,
} from '../support/browser';

/**
 * The R-B9 policy and R-B10 change-of-use forms and pages at a phone's size and at a desktop's: a
 * clerk files a policy with its yearly cost, sees R-B10 refuse 三保 money moved elsewhere as it is
 * typed and files a move between two 三保 uses, and names a policy in force on a budget request.
 */
let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

async function pickOption(page: Page, selectId: string, option: string) {
  await page.locator(`#${selectId}`).click();
  await page.locator(`.ant-select-item-option:visible [data-option="${option}"]`).first().click();
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size', (vp) => {
  beforeAll(async () => { await useViewport(b.page, vp); });

  it('a clerk files a major spending-increase policy with its yearly cost and sees it at the affordability assessment', async () => {
    const page = await loginAs(b, 'clerk_edu');
    await navigate(page, vp, '重大增支政策');
    await page.getByTestId('policy-list').waitFor();
    await page.getByTestId('new-policy').click();
    await page.locator('#policyTitle').fill(`乡村教师生活补助（${vp}）`);
    await page.locator('#yearlyCost').fill('3600000');
    await page.locator('#policySummary').fill('短');
    await page.locator('#policyTitle').click();
    await page.getByTestId('error-summary').waitFor();
    expect(await page.getByTestId('error-summary').textContent()).toContain('不少于10字');
    await page.locator('#policySummary').fill('对乡村学校在岗教师按月发放生活补助，每人每月500元。');
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'policy-form', vp);
    await expectInsideViewport(page, page.getByTestId('submit-policy'));
    await page.getByTestId('submit-policy').click();
    await page.getByTestId('policy-page').waitFor();
    expect(await page.getByTestId('policy-status').textContent()).toBe('审批中');
    expect(await page.getByTestId('policy-cost').textContent()).toBe('¥3,600,000.00');
    await page.locator('[data-step="affordability_assessment"]').waitFor({ state: 'attached' });
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'policy-page', vp);
  });

  it('R-B10 refuses 三保 money moved to another use as the clerk chooses it; a move between 三保 uses is filed', async () => {
    const page = await loginAs(b, 'clerk_edu');
    await navigate(page, vp, '预算调剂');
    await page.getByTestId('change-of-use-list').waitFor();
    await page.getByTestId('new-change-of-use').click();
    await page.locator('#changeAmount').fill('80000');
    await pickOption(page, 'fromCategory', 'three_guarantees_personnel');
    await page.locator('#fromUse').fill('教师绩效工资');
    await pickOption(page, 'toCategory', 'project');
    const refusal = page.getByTestId('error-toCategory');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('R-B10「严格执行人大批准预算，不得擅自改变机构运转等支出的用途」');
    expect(await refusal.textContent()).toContain('三保资金');
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'change-of-use-refused', vp);

    await pickOption(page, 'toCategory', 'three_guarantees_livelihood');
    await refusal.waitFor({ state: 'detached' });
    await page.locator('#toUse').fill('家庭经济困难学生资助');
    await page.locator('#changeReason').fill('绩效工资已足额保障，结余用于困难学生资助。');
    await expectInsideViewport(page, page.getByTestId('submit-change-of-use'));
    await page.getByTestId('submit-change-of-use').click();
    await page.getByTestId('change-of-use-page').waitFor();
    expect(await page.getByTestId('change-of-use-status').textContent()).toBe('审批中');
    expect(await page.getByTestId('change-amount').textContent()).toBe('¥80,000.00');
    expect(await page.locator('[data-flag="R-B5"]').count()).toBe(1);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'change-of-use-page', vp);
  });

  it('the meeting secretary decides a policy’s executive meeting from the inbox; its page shows where it stands and who decided what', async () => {
    const clerk = await b.stack.as('clerk_water');
    const policy = (await clerk.post('/policies', { title: `河道保洁补助（${vp}）`, summary: '对河道保洁员按月发放补助，每人每月600元。', yearlyCost: '720000.00' })).body.policy;
    expect((await (await b.stack.as('reviewer')).decide(policy.id, 'affordability_assessment', { action: 'approve', comment: '财力可承受' })).status).toBe(200);

    const page = await loginAs(b, 'meeting_secretary');
    const entry = await openTaskEntry(b, page, policy.number);
    expect(await entry.textContent()).toContain('重大增支政策');
    expect(await entry.textContent()).toContain(`河道保洁补助（${vp}）`);
    await expectNoHorizontalOverflow(page);
    await entry.getByTestId('decide-approve').click();
    const modal = page.locator('.ant-modal');
    await modal.waitFor();
    // R-B9: only the executive meeting decides a policy
    expect(await modal.getByText('县政府办公会议').count()).toBe(0);
    await modal.getByTestId('meetingReference').fill('县政府2026年第20次常务会议');
    await expectInsideViewport(page, modal.getByTestId('decision-submit'));
    await modal.getByTestId('decision-submit').click();
    // The filing step goes to the meeting secretary too, so the policy may come straight back to this inbox:
    // the decision is done when the sheet closes, and the policy page below shows where it went.
    await modal.waitFor({ state: 'hidden' });

    await page.goto(b.url(`/policies/${policy.id}`));
    await page.getByTestId('policy-page').waitFor();
    await page.locator('.ant-steps-item-process [data-step="higher_level_filing"]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-step="executive_meeting"]').textContent()).toContain('县政府2026年第20次常务会议');
    expect(await page.locator('[data-step="affordability_assessment"]').textContent()).toContain('财力可承受');
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'policy-in-chain', vp);
  });

  it('a budget request names a policy in force, and its page links to it', async () => {
    const clerk = await b.stack.as('clerk_health');
    const filed = await clerk.post('/policies', { title: `村医补助（${vp}）`, summary: '对在岗村医按月发放补助，每人每月800元。', yearlyCost: '960000.00' });
    const policy = filed.body.policy;
    // The R-B9 chain that puts a policy in force is walked in test/api/policy-chain.test.ts; here the row is set as it would leave it.
    await b.stack.prisma.policy.update({ where: { id: policy.id }, data: { status: 'in_force', step: 'in_force', filingReference: '州政备〔2026〕12号' } });

    const page = await loginAs(b, 'clerk_health');
    await page.goto(b.url('/budget-requests/new'));
    await pickOption(page, 'category', 'project');
    await page.locator('#amount').fill('80000');
    await page.locator('#purpose').fill('发放村医补助');
    await pickOption(page, 'policyId', policy.number);
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('submit-request').click();
    const link = page.getByTestId('request-policy');
    await link.waitFor();
    expect(await link.textContent()).toBe(`${policy.number} 村医补助（${vp}）`);
    await link.click();
    await page.getByTestId('policy-page').waitFor();
    await page.locator('[data-testid="policy-budgets"] a').first().waitFor();
    expect(await page.getByTestId('policy-filing').textContent()).toContain('州政备〔2026〕12号');
    await expectNoHorizontalOverflow(page);
  });
});
