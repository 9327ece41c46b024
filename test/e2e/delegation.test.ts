/** Delegation in a real browser, at phone and desktop size: hand a task over (转交), decide it on the assignee's behalf, see both names; 我的代理. */
import type { Page } from 'playwright-core';
import { startBrowserStack, loginAs, BrowserStack, VIEWPORTS, ViewportName, useViewport, expectNoHorizontalOverflow, expectInsideViewport, shotAt } from '../support/browser';

let b: BrowserStack;
beforeAll(async () => {
  b = await startBrowserStack();
  const first = await b.stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer' } });
  await b.stack.prisma.user.create({ data: { id: 'user-reviewer-2', username: 'reviewer2', displayName: '马丽（预算股审核人）', email: 'reviewer2@county.local', passwordHash: first.passwordHash, roles: ['finance_reviewer'] } });
}, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

/** The inbox entry of `number` (a row on a desktop, a card on a phone); `onBehalf` picks the one held for someone else. */
async function inboxEntry(page: Page, number: string, onBehalf = false) {
  for (let i = 0; i < 60; i++) {
    await page.goto(b.url('/tasks'));
    await page.getByTestId('inbox').waitFor();
    await page.waitForLoadState('networkidle');
    let entry = page.locator(`[data-testid="inbox"] [data-request="${number}"]`);
    if (onBehalf) entry = entry.filter({ has: page.getByTestId('on-behalf') });
    if (await entry.count()) return entry.first();
    await page.waitForTimeout(250);
  }
  throw new Error(`no task for ${number} in the inbox`);
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('delegation at %s size', (vp) => {
  it('the reviewer hands a task to a colleague, who decides it on the reviewer’s behalf; the request’s history names both', async () => {
    const request = (await (await b.stack.as('clerk_edu')).post('/budget-requests', { amount: '6600.00', category: 'project', purpose: `多媒体教室（${vp}）`, justification: '' })).body.request;

    const page = await loginAs(b, 'reviewer');
    await useViewport(page, vp);
    const mine = await inboxEntry(page, request.number);
    await expectInsideViewport(page, mine.getByTestId('hand-over'));
    await mine.getByTestId('hand-over').click();
    await page.locator('.ant-modal').filter({ hasText: '转交待办' }).waitFor();
    await page.locator('#toUserId').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '马丽' }).first().click();
    await expectInsideViewport(page, page.getByTestId('hand-over-submit'));
    await shotAt(page, 'hand-over', vp);
    await page.getByTestId('hand-over-submit').click();
    await page.locator(`[data-testid="inbox"] [data-request="${request.number}"]`).waitFor({ state: 'detached' });

    const colleague = await loginAs(b, 'reviewer2');
    await useViewport(colleague, vp);
    const held = await inboxEntry(colleague, request.number, true);
    await held.getByTestId('on-behalf').getByText('代 陈红（预算股审核人） 办理').waitFor();
    await expectNoHorizontalOverflow(colleague);
    await expectInsideViewport(colleague, held.getByTestId('decide-approve'));
    await shotAt(colleague, 'inbox-on-behalf', vp);
    await held.getByTestId('decide-approve').click();
    const modal = colleague.locator('.ant-modal').filter({ has: colleague.getByTestId('decision-submit') });
    await modal.getByTestId('on-behalf').waitFor();
    await expectInsideViewport(colleague, modal.getByTestId('decision-submit'));
    await modal.getByTestId('decision-submit').click();
    await colleague.locator(`[data-testid="inbox"] [data-request="${request.number}"]`).filter({ has: colleague.getByTestId('on-behalf') }).waitFor({ state: 'detached' });

    await colleague.goto(b.url(`/budget-requests/${request.id}`));
    const decision = colleague.getByTestId('history').locator('[data-decision="finance_review:approve"]');
    await decision.getByText('马丽（预算股审核人）').waitFor();
    await decision.getByTestId('on-behalf').getByText('代 陈红（预算股审核人） 办理').waitFor();
    await expectNoHorizontalOverflow(colleague);
    await shotAt(colleague, 'request-on-behalf', vp);
  });

  it('我的代理: sets an absence with a substitute in China time and lists it, fitting the screen', async () => {
    const page = await loginAs(b, 'county_mayor');
    await useViewport(page, vp);
    await page.goto(b.url('/absences'));
    await page.getByTestId('absences-page').waitFor();
    await page.locator('#substituteId').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '张书记' }).first().click();
    const day = new Date(Date.now() + 8 * 3_600_000 + (vp === 'phone' ? 10 : 20) * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('absence-start').fill(`${day}T08:00`);
    await page.getByTestId('absence-end').fill(`${day}T18:00`);
    await page.getByTestId('absence-submit').click();
    await page.getByText(`${day} 08:00 — ${day} 18:00`, { exact: false }).waitFor();
    await page.locator('[data-absence]').filter({ hasText: '张书记（县委书记）' }).first().waitFor();
    await expectNoHorizontalOverflow(page);
    await expectInsideViewport(page, page.getByTestId('absence-submit'));
    await shotAt(page, 'absences', vp);
  });
});
