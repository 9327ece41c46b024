import { startBrowserStack, loginAs, BrowserStack, VIEWPORTS, ViewportName, useViewport, expectNoHorizontalOverflow, navigate, shotAt } from '../support/browser';
import { budgetAtMeeting, loanAtMeeting } from '../support/meetings';
import { RULES } from '../../domain';

/**
 * The 会议 page at a phone's size and at a desktop's: the meeting secretary creates an office
 * meeting, uploads its minutes, builds the agenda from the items waiting for a meeting and records
 * every outcome in one form; the loan on it is refused against its own line (R-L6: only the
 * executive meeting decides a loan) while the budget beside it is decided, and the budget's page
 * links back to the meeting.
 */
let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size', (vp) => {
  beforeAll(async () => { await useViewport(b.page, vp); });

  it('builds an office meeting’s agenda and records its outcomes in one form, each refusal against its item', async () => {
    const budget = await budgetAtMeeting(b.stack, 'clerk_edu', '52000.00', `会议室设备（${vp}）`);
    const loan = await loanAtMeeting(b.stack, `临时周转（${vp}）`);
    const number = `县政府第${vp === 'phone' ? 7 : 8}次办公会议`;

    const page = await loginAs(b, 'meeting_secretary');
    await navigate(page, vp, '会议');
    await page.getByTestId('meeting-list-page').waitFor();
    await page.locator('#meetingKind').click();
    await page.locator('.ant-select-item-option:visible [data-option="office"]').first().click();
    await page.locator('#meetingNumber').fill(number);
    for (const name of ['县长', '常务副县长', '财政局局长']) {
      await page.locator('#meetingAttendees').fill(name);
      await page.locator('#meetingAttendees').press('Enter');
    }
    await page.locator('#meetingAttendees').press('Escape'); // close the list of names typed
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('create-meeting').click();
    await page.getByTestId('meeting-page').waitFor();
    expect(await page.getByTestId('meeting-number').textContent()).toBe(number);

    // the minutes, checked by content on the server
    await page.locator('[data-testid="minutes-upload"] input[type=file], .ant-upload input[type=file]').first().setInputFiles({
      name: '办公会议纪要.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 纪要\n%%EOF\n'),
    });
    await page.getByTestId('minutes-download').waitFor();
    expect(await page.getByTestId('minutes-download').textContent()).toBe('办公会议纪要.pdf');

    // the agenda: chosen from the items waiting for a meeting
    const builder = page.getByTestId('agenda-builder');
    await builder.locator(`[data-pending="${budget.number}"] .ant-checkbox`).click();
    await builder.locator(`[data-pending="${loan.number}"] .ant-checkbox`).click();
    expect(await builder.textContent()).toContain('¥52,000.00');
    await shotAt(page, 'meeting-agenda', vp);
    await page.getByTestId('add-to-agenda').click();
    const form = page.getByTestId('outcome-form');
    await form.locator(`[data-item="${budget.number}"]`).waitFor();
    await form.locator(`[data-item="${loan.number}"]`).waitFor();

    // one form: an outcome for each
    for (const n of [budget.number, loan.number]) await form.locator(`[data-item="${n}"] [data-option="approve"]`).click();
    await page.getByTestId('submit-outcomes').click();
    const budgetResult = form.locator(`[data-item="${budget.number}"] [data-testid="item-result"]`);
    const loanResult = form.locator(`[data-item="${loan.number}"] [data-testid="item-result"]`);
    await budgetResult.waitFor();
    expect(await budgetResult.getAttribute('data-status')).toBe('decided');
    expect(await loanResult.getAttribute('data-status')).toBe('refused');
    expect(await loanResult.textContent()).toContain(RULES['R-L6'].zh);
    await form.locator(`[data-item="${budget.number}"] [data-testid="item-decided"]`).waitFor();
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'meeting-outcomes', vp);
    expect((await b.stack.prisma.decision.findMany({ where: { subjectId: budget.id, step: 'executive_meeting' } })).map((d) => d.meetingReference)).toEqual([number]);
    expect(await b.stack.prisma.decision.count({ where: { subjectId: loan.id, step: 'executive_meeting' } })).toBe(0);

    // the request's page says where it was decided and links to the meeting
    await page.goto(b.url(`/budget-requests/${budget.id}`));
    const link = page.getByTestId('meeting-link').first();
    await link.waitFor();
    expect(await link.textContent()).toBe(number);
    await expectNoHorizontalOverflow(page);
    await link.click();
    await page.getByTestId('meeting-page').waitFor();
    expect(await page.getByTestId('meeting-number').textContent()).toBe(number);
  });
});
