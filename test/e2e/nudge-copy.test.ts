/** 催办 on the request page and 抄送我的 in the inbox, in a real browser at phone and desktop size. */
import { mailTo } from '../support/email-links';
import { startBrowserStack, loginAs, openTaskEntry, BrowserStack, VIEWPORTS, ViewportName, useViewport, expectNoHorizontalOverflow, shotAt } from '../support/browser';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('nudge and copy at %s size', (vp) => {
  it('the clerk nudges the reviewer from the request page, and then sees when the next nudge is possible', async () => {
    const clerkApi = await b.stack.as('clerk_health');
    const request = (await clerkApi.post('/budget-requests', { amount: '9100.00', category: 'project', purpose: `医疗设备维修（催办 ${vp}）`, justification: '' })).body.request;
    await (await b.stack.as('reviewer')).taskFor(request.id);

    const page = await loginAs(b, 'clerk_health');
    await useViewport(page, vp);
    await page.goto(b.url(`/budget-requests/${request.id}`));
    const card = page.getByTestId('nudge');
    await card.waitFor();
    await card.getByPlaceholder('留言（可选）').fill('请尽快审核');
    await card.getByTestId('nudge-button').click();
    await card.getByTestId('next-nudge').getByText('下次可催办时间', { exact: false }).waitFor();
    expect(await card.getByTestId('nudge-button').isDisabled()).toBe(true);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'nudge', vp);

    const mail = await mailTo(b.stack, 'reviewer', request.number, '【催办】');
    expect(mail.text).toContain('请尽快审核');
  });

  it('the reviewer copies a colleague while deciding; the colleague finds it under 抄送我的 and opens it read-only', async () => {
    const clerkApi = await b.stack.as('clerk_edu');
    const request = (await clerkApi.post('/budget-requests', { amount: '6600.00', category: 'project', purpose: `操场围栏修缮（抄送 ${vp}）`, justification: '' })).body.request;
    await (await b.stack.as('reviewer')).taskFor(request.id);

    const reviewer = await loginAs(b, 'reviewer');
    await useViewport(reviewer, vp);
    const entry = await openTaskEntry(b, reviewer, request.number);
    await entry.getByTestId('decide-approve').click();
    const modal = reviewer.locator('.ant-modal');
    await modal.waitFor();
    await modal.getByTestId('copy-to').click();
    await reviewer.keyboard.type('林会计');
    await reviewer.locator('.ant-select-item-option', { hasText: '林会计（国库股）' }).click();
    await reviewer.locator('.ant-select-dropdown').waitFor({ state: 'hidden' }); // the list closes after a pick
    await modal.getByTestId('decision-submit').click();
    await modal.waitFor({ state: 'hidden' });
    expect(await b.stack.prisma.copyRecipient.count({ where: { subjectId: request.id, userId: 'user-treasury' } })).toBe(1);

    const treasury = await loginAs(b, 'treasury');
    await useViewport(treasury, vp);
    await treasury.goto(b.url('/tasks?tab=copied'));
    const copied = treasury.getByTestId('copied-list').locator(`[data-request="${request.number}"]`);
    await copied.waitFor();
    await copied.getByText('陈红（预算股审核人）抄送', { exact: false }).waitFor();
    await expectNoHorizontalOverflow(treasury);
    await shotAt(treasury, 'copied-to-me', vp);
    await copied.getByRole('link', { name: request.number }).click();
    await treasury.waitForURL(`**/budget-requests/${request.id}`);
    await treasury.getByText(request.number).first().waitFor();
    // read-only: no nudge card for the treasury, and no task of theirs
    expect(await treasury.getByTestId('nudge').count()).toBe(0);
  });
});
