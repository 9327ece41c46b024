/**
 * The bureau's entries in 报告与事项, in the browser at a phone's width (390×844) and a desktop's:
 * a transfer from above and its onward allocations (R-B7), a risk event from recording to closure
 * with the one-click R-M3 suspension (R-M4), the R-M2 monthly figures, and the 重点单位 flag (R-M2)
 * in the lists. What the forms send is checked in the database.
 */
import type { Page } from 'playwright-core';
import { startBrowserStack, loginAs, BrowserStack, shot, useViewport, expectNoHorizontalOverflow, ViewportName } from '../support/browser';
import { until } from '../support/until';
import { addMonths, chinaDate, normalizeYuan } from '../../domain';
import { THIS_YEAR } from '../support/years';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

async function pickOption(page: Page, selectId: string, text: string) {
  await page.locator(`#${selectId}`).click();
  await page.locator('.ant-select-item-option:visible').filter({ hasText: text }).first().click();
}
const tag = () => Math.random().toString(36).slice(2, 6);

describe('the bureau’s entries in 报告与事项', () => {
  it.each(['phone', 'desktop'] as ViewportName[])('R-B7: the reviewer records a transfer and passes part of it on, amounts grouped and in capitals (%s)', async (viewport) => {
    const page = await loginAs(b, 'reviewer');
    await useViewport(page, viewport);
    await page.goto(b.url('/duties/transfers'));
    await page.getByTestId('transfer-new').click();
    const doc = `甘财建〔${THIS_YEAR}〕${tag()}号`;
    await page.locator('#transferDocument').fill(doc);
    await pickOption(page, 'transferLevel', '中央');
    await page.locator('#transferAmount').fill('6000000');
    expect(await page.locator('#transferAmount').inputValue()).toBe('6,000,000');
    expect(await page.getByTestId('capitals-transferAmount').textContent()).toContain('陆佰万元整');
    await page.locator('#transferPurpose').fill('农村公路养护');
    await page.locator('#transferDeadline').fill('2000-01-01'); // before the date received
    await page.getByTestId('error-onwardDeadline').waitFor();
    await page.locator('#transferDeadline').fill('');
    await expectNoHorizontalOverflow(page);
    await shot(page, `duties-transfer-form-${viewport}`);
    await page.getByTestId('transfer-submit').click();

    const card = page.getByTestId('transfer-card');
    await card.waitFor();
    const t = await b.stack.prisma.transfer.findUniqueOrThrow({ where: { documentNumber: doc } });
    expect(normalizeYuan(t.amount)).toBe('6000000.00');
    expect(t).toMatchObject({ issuingLevel: 'central', purpose: '农村公路养护', large: true, deadlineFromDocument: false });
    expect(page.url()).toContain(`/duties/transfers/${t.id}`);
    expect(await card.textContent()).toContain('金额较大');

    // Passing part of it on; more than is left is refused before it is sent, citing R-B7
    await pickOption(page, 'allocationUnit', '县中心小学');
    await page.locator('#allocationAmount').fill('6000000.01');
    expect(await page.getByTestId('error-amount').textContent()).toContain('R-B7');
    await page.locator('#allocationAmount').fill('2500000.5');
    await page.locator('#allocationAmount').blur();
    expect(await page.locator('#allocationAmount').inputValue()).toBe('2,500,000.50');
    await page.locator('#allocationReference').fill(`东财建〔${THIS_YEAR}〕${tag()}号`);
    await page.getByTestId('allocation-submit').click();
    await until(() => page.getByTestId('transfer-left').textContent(), (x) => x === '¥3,499,999.50');
    const allocations = await b.stack.prisma.transferAllocation.findMany({ where: { transferId: t.id } });
    expect(allocations.map((a) => normalizeYuan(a.amount))).toEqual(['2500000.50']);
    expect(await page.getByTestId('allocations-table').textContent()).toContain('县中心小学');
    await expectNoHorizontalOverflow(page);
    await shot(page, `duties-transfer-card-${viewport}`);
  });

  it('R-M4: a payment-risk event is recorded, handled step by step, reported, and the director suspends disbursements in one click after confirming (R-M3), at 390 px', async () => {
    const page = await loginAs(b, 'reviewer');
    await useViewport(page, 'phone');
    await page.goto(b.url('/duties/risk-events'));
    await page.getByTestId('risk-event-new').click();
    await pickOption(page, 'riskKind', '支付风险');
    await pickOption(page, 'riskUnits', '县教育局');
    await page.locator('#riskDescription').fill('本月教师工资支付存在缺口');
    await page.locator('#riskOccurredAt').fill('2999-01-01 08:00');
    expect(await page.getByTestId('error-occurredAt').textContent()).toContain('不能晚于现在');
    const at = new Date(Date.now() - 2 * 3600_000);
    await page.locator('#riskOccurredAt').fill(`${chinaDate(at.getTime())} ${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`);
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('risk-event-submit').click();
    const card = page.getByTestId('risk-event-card');
    await card.waitFor();
    const id = page.url().split('/').pop()!;
    const e = await b.stack.prisma.riskEvent.findUniqueOrThrow({ where: { id } });
    expect(e).toMatchObject({ kind: 'payment_risk', unitIds: ['unit-jyj'], description: '本月教师工资支付存在缺口', status: 'open' });
    expect(Math.abs(e.occurredAt.getTime() - at.getTime())).toBeLessThan(60_000);
    expect(await card.textContent()).toContain('应于');

    await page.locator('#risk-steps-note').fill('调度库款优先保工资');
    await page.getByTestId('risk-steps-submit').click();
    await page.getByTestId('risk-steps').waitFor();
    await page.locator('#risk-report-note').fill('已书面报告县政府办');
    await page.getByTestId('risk-report-submit').click();
    await page.getByTestId('risk-close-form').waitFor();
    expect((await b.stack.prisma.riskEvent.findUniqueOrThrow({ where: { id } })).reportedAt).not.toBeNull();
    expect(await page.getByTestId('risk-suspend').count()).toBe(0); // R-M3 is the director's
    await shot(page, 'duties-risk-event-phone');

    const director = await loginAs(b, 'director');
    await useViewport(director, 'phone');
    await director.goto(b.url(`/duties/risk-events/${id}`));
    await director.getByTestId('risk-suspend').click();
    await director.getByTestId('confirm-suspend').waitFor();
    expect(await director.getByTestId('confirm-suspend').textContent()).toContain(e.number);
    await expectNoHorizontalOverflow(director);
    await director.getByTestId('confirm-ok').click();
    await until(() => b.stack.prisma.disbursementControl.findFirst(), (c) => c?.suspended === true);
    expect((await b.stack.prisma.disbursementControl.findFirstOrThrow()).reason).toContain(e.number);
    const director2 = await b.stack.as('director');
    expect((await director2.delete('/disbursement-suspension', { reason: '风险解除' })).status).toBe(200);

    await director.locator('#risk-close-note').fill('工资已足额发放，风险解除');
    await director.getByTestId('risk-close-submit').click();
    await until(() => b.stack.prisma.riskEvent.findUniqueOrThrow({ where: { id } }), (x) => x.status === 'closed');
    expect((await b.stack.prisma.riskEventStep.findMany({ where: { eventId: id } })).map((s) => s.note)).toEqual(['调度库款优先保工资']);
  });

  it('R-M2: the treasury records a month’s figures and sees the 库款保障水平 they give, at 390 px', async () => {
    const page = await loginAs(b, 'treasury');
    await useViewport(page, 'phone');
    await page.goto(b.url('/duties/positions'));
    const month = addMonths(`${chinaDate(Date.now()).slice(0, 7)}-01`, -1).slice(0, 7);
    expect(await page.locator('#positionMonth').inputValue()).toBe(month);
    await page.locator('#debtBalance').fill('510000000');
    expect(await page.getByTestId('capitals-debtBalance').textContent()).toContain('伍亿壹仟万元整');
    await page.locator('#debtServiceDue').fill('42000000.00');
    await page.locator('#treasuryCash').fill('90000000.00');
    await page.locator('#threeGuaranteesSpending').fill('30000000.5');
    await page.locator('#threeGuaranteesSpending').blur(); // leaving the field writes two decimals
    expect(await page.locator('#threeGuaranteesSpending').inputValue()).toBe('30,000,000.50');
    expect(await page.getByTestId('error-threeGuaranteesSpending').count()).toBe(0);
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('position-submit').click();
    const row = await until(() => b.stack.prisma.monthlyPosition.findUnique({ where: { month } }), (r) => r !== null);
    expect(normalizeYuan(row!.debtBalance)).toBe('510000000.00');
    expect(normalizeYuan(row!.threeGuaranteesSpending)).toBe('30000000.50');
    await until(() => page.getByTestId('positions-table').textContent(), (x) => (x ?? '').includes('¥510,000,000.00'));
    const api = (await (await b.stack.as('treasury')).get('/monitoring/positions')).body;
    expect(await page.getByTestId('cash-coverage').textContent()).toContain(api.cashCoverageMonths);
    await shot(page, 'duties-positions-phone');
  });

  it.each(['phone', 'desktop'] as ViewportName[])('R-M2: a key unit’s requests carry the 重点单位 flag in the request list and the inbox (%s)', async (viewport) => {
    const director = await b.stack.as('director');
    expect((await director.put('/units/unit-slj/monitoring', { monitored: true })).status).toBe(200);
    const water = await b.stack.as('clerk_water');
    const req = (await water.post('/budget-requests', { amount: '76000.00', category: 'project', purpose: `堤防巡查设备 ${tag()}`, justification: '' })).body.request;
    const page = await loginAs(b, 'reviewer');
    await useViewport(page, viewport);
    await page.goto(b.url(`/budget-requests?q=${encodeURIComponent(req.number)}`));
    const flag = page.locator('[data-flag="R-M2"]:visible').first();
    await flag.waitFor();
    expect(await flag.textContent()).toContain('重点单位');
    // the reviewer's task for it (opened by its workflow), flagged in the inbox
    const reviewer = await b.stack.as('reviewer');
    await until(() => reviewer.get('/tasks'), (r) => r.body.items.some((t: { subjectId: string }) => t.subjectId === req.id));
    await page.goto(b.url('/tasks'));
    await page.locator(`[data-request="${req.number}"] [data-flag="R-M2"]:visible`).first().waitFor();
    await expectNoHorizontalOverflow(page);
    await shot(page, `inbox-key-unit-${viewport}`);
  });
});
