/** 报告与事项 in the browser: run a report, download its PDF and workbook, at a phone's size and a desktop's. */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { startBrowserStack, loginAs, BrowserStack, shot, useViewport, expectNoHorizontalOverflow, ViewportName } from '../support/browser';
import { pdfText } from '../support/pdf-text';
import { addDays, addYuan, chinaDate, chinaTime, normalizeYuan, periodLabel, toFen } from '../../domain';
import { fenOf } from '../support/workbook';
import { THIS_YEAR } from '../support/years';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

const MONTH = chinaDate(Date.now()).slice(0, 7);

describe('报告与事项 (R-M1, R-B7, R-M2, R-M4) in the browser', () => {
  it.each(['desktop', 'phone'] as ViewportName[])('R-M1: the reviewer runs the monthly report and downloads its PDF and workbook (%s)', async (viewport) => {
    const page = await loginAs(b, 'reviewer');
    await useViewport(page, viewport);
    await page.goto(b.url('/duties/reports'));
    await page.getByTestId('reports-table').waitFor();
    // every rule the area answers is cited on the page
    expect(await page.getByTestId('duties-page').textContent()).toContain('按月向省州财政部门报告保基层运转情况');
    const id = `operations:${MONTH}`;
    if (!(await b.stack.prisma.report.findUnique({ where: { id } }))) { // the first viewport runs it, the second finds it
      // a 三保 request of this month, so the report has figures of its own to check
      expect((await (await b.stack.as('clerk_edu')).post('/budget-requests', { amount: '123456.78', category: 'three_guarantees_personnel', purpose: '教师绩效工资缺口', justification: '' })).status).toBe(201);
      await page.getByTestId('report-period').fill(MONTH);
      await page.getByTestId('report-run').click();
      await page.getByTestId(`pdf-${id}`).waitFor();
    }
    await page.getByTestId(`pdf-${id}`).waitFor();
    await expectNoHorizontalOverflow(page);
    await shot(page, `duties-reports-${viewport}`);

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`pdf-${id}`).click()]);
    expect(pdfDownload.suggestedFilename()).toBe(`R-M1-${MONTH}.pdf`);
    const text = await pdfText(readFileSync((await pdfDownload.path())!));
    // what the database says about the month, as the report would have read it
    const county = normalizeYuan((await b.stack.prisma.advancesPosition.findUnique({ where: { id: 'county' } }))?.outstanding ?? '0');
    const filed = await b.stack.prisma.budgetRequest.findMany({ where: { threeGuarantees: true, createdAt: { gte: new Date(chinaTime(`${MONTH}-01`)) } } });
    const filedSum = addYuan('0.00', ...filed.map((r) => normalizeYuan(r.amount)));
    const fy = await b.stack.prisma.fiscalYear.findUniqueOrThrow({ where: { year: THIS_YEAR } });
    for (const s of ['保基层运转情况月报', periodLabel('operations', MONTH), 'R-M1「', '报送 To 省州财政部门', `${county} 元`, `${filed.length} 笔 / ${filedSum} 元`, `${normalizeYuan(fy.availableResources)} 元`]) expect(text).toContain(s);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`xlsx-${id}`).click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`R-M1-${MONTH}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsxDownload.path())!);
    const summary = wb.worksheets[0];
    expect(String(summary.getRow(1).getCell(1).value)).toContain('R-M1');
    // the summary's ¥ cells are numbers equal to the database's figures, to the fen
    const amountOf = (label: string) => {
      for (let i = 3; i <= summary.rowCount; i++) if (String(summary.getRow(i).getCell(1).value).startsWith(label)) return fenOf(summary.getRow(i).getCell(2));
      throw new Error(`no summary row ${label}`);
    };
    expect(amountOf('暂付款余额')).toBe(toFen(county));
    expect(amountOf(`${THIS_YEAR} 年可用财力`)).toBe(toFen(normalizeYuan(fy.availableResources)));
    // the sheet of the month's 三保 requests lists each one, its totals row their exact sum
    const filedSheet = wb.worksheets[1];
    expect(filedSheet.rowCount).toBe(filed.length + 3);
    expect(fenOf(filedSheet.getRow(filedSheet.rowCount).getCell(4))).toBe(toFen(filedSum));

    // the other tabs cite their rules and fit the screen too
    for (const [tab, rule] of [['transfers', 'R-B7'], ['risk-events', 'R-M4'], ['watch', 'R-M2']]) {
      await page.goto(b.url(`/duties/${tab}`));
      await page.getByText(`${rule}「`).first().waitFor();
      await expectNoHorizontalOverflow(page);
    }
  });

  it('R-B7: the dashboard shows what is due this week, such as a transfer to pass on in three days', async () => {
    const today = chinaDate(Date.now());
    const reviewer = await b.stack.as('reviewer');
    expect((await reviewer.post('/transfers', { documentNumber: '甘财社〔2026〕7号', issuingLevel: 'prefecture', amount: '250000.00', purpose: '困难群众救助补助', receivedOn: today, onwardDeadline: addDays(today, 3) })).status).toBe(201);
    const page = await loginAs(b, 'reviewer');
    await useViewport(page, 'phone');
    await page.goto(b.url('/dashboard'));
    const card = page.getByTestId('duties-due');
    await card.waitFor();
    expect(await card.textContent()).toContain('甘财社〔2026〕7号');
    await expectNoHorizontalOverflow(page);
  });
});
