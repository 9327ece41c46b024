import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import {
  startBrowserStack, loginAs, BrowserStack, shot, shotAt, useViewport, VIEWPORTS, ViewportName, expectNoHorizontalOverflow, expectNoRawKeys,
} from '../support/browser';
import { addDays, chinaDate, OPENING_STOCK_COLUMNS } from '../../domain';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

const today = chinaDate(Date.now());
const digits = (s: string | null) => (s ?? '').replace(/[\s,¥]/g, '');

/** Waits until the element's text satisfies `ok` (the page reloads its data after an upload). */
async function waitText(loc: { textContent: () => Promise<string | null> }, ok: (s: string) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const s = (await loc.textContent().catch(() => null)) ?? '';
    if (ok(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('text never matched');
}

/** Writes an .xlsx laid out like the template to a temp file, for the upload control. */
async function xlsxFile(name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('存量暂付款');
  ws.addRow(OPENING_STOCK_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  const path = join(mkdtempSync(join(tmpdir(), 'stock-')), name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

describe('the advances page (暂付款, R-L8 and R-L11) in the browser', () => {
  const bad = () => xlsxFile('bad.xlsx', [
    ['县城投公司', '企业', '1200000.00', '2019-06-30', '违规出借', '张某', ''],
    ['县交通局', '单位', '12.5', '2020-01-01', '合规借款', '王某', ''],
  ]);

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size: a bad file is refused whole, each bad row named (a card on a phone)', async (vp) => {
    await useViewport(b.page, vp);
    const page = await loginAs(b, 'director');
    await page.goto(b.url('/advances'));
    await page.getByTestId('stock-upload').waitFor();
    await page.locator('input[type=file]').setInputFiles(await bad());
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain(OPENING_STOCK_COLUMNS.find((c) => c.field === 'amount')!.header);
    const entries = errors.locator('[data-request]');
    expect(await entries.count()).toBe(1);
    expect(await entries.first().getAttribute('class')).toContain(vp === 'phone' ? 'list-card' : 'ant-table-row');
    expect(await b.stack.prisma.advance.count({ where: { origin: 'opening_stock' } })).toBe(0);
    await expectNoHorizontalOverflow(page);
    await shotAt(page, 'advances-import-refused', vp);
  });

  it('lets the director import the opening stock: a good file adds to the balance once', async () => {
    await useViewport(b.page, 'desktop');
    const page = await loginAs(b, 'director');
    await page.goto(b.url('/advances'));
    await page.getByTestId('stock-upload').waitFor();

    const good = await xlsxFile('good.xlsx', [
      ['县城投公司', '企业', '1200000.00', '2019-06-30', '违规出借', '张某', '用于企业偿债'],
      ['县水务局', '单位', '350000.50', '2021-03-15', '合规借款', '李某', ''],
    ]);
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('2');
    // one currency mark: "合计 ¥1,550,000.50", never "¥… 元"
    expect(await page.getByTestId('import-result').textContent()).toContain('合计 ¥1,550,000.50；');
    // the balance on the page is the API's, to the fen, and the irregular lending is listed first
    const api = (await (await b.stack.as('auditor')).get('/advances')).body.position;
    await waitText(page.getByTestId('adv-outstanding'), (s) => digits(s).includes(api.outstanding));
    expect(digits(await page.getByTestId('adv-outstanding').textContent())).toContain(api.outstanding);
    expect(digits(await page.getByTestId('by-origin').textContent())).toContain('1550000.50');
    expect(await page.getByTestId('ledger').locator('tbody tr.ant-table-row').first().textContent()).toContain('县城投公司');

    // the same file again adds nothing
    await page.locator('input[type=file]').setInputFiles(good);
    await waitText(page.getByTestId('import-result'), (s) => s.includes('新增 0 笔'));
    expect(await b.stack.prisma.advance.count({ where: { origin: 'opening_stock' } })).toBe(2);
    await shot(page, 'advances-imported');
    // The fiscal-year page shows the same county balance by origin, to the fen.
    await page.goto(b.url('/fiscal-years'));
    expect(digits(await waitText(page.getByTestId('by-origin-total'), (s) => s.length > 0))).toContain(api.outstanding);
  });

  it('draws the balance against the reduction plan’s target line and marks a missed milestone', async () => {
    await b.stack.prisma.advancesSnapshot.createMany({ data: [{ day: new Date(`${addDays(today, -30)}T00:00:00Z`), outstanding: '1500000.00' }] });
    const director = await b.stack.as('director');
    expect((await director.post('/advances/reduction-plan/milestones', { dueOn: addDays(today, -1), target: '1000000.00' })).status).toBe(201);
    expect((await director.post('/advances/reduction-plan/milestones', { dueOn: addDays(today, 180), target: '0.00' })).status).toBe(201);

    const page = await loginAs(b, 'county_mayor');
    await page.goto(b.url('/advances'));
    const chart = page.getByTestId('reduction-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    await page.getByTestId(`milestone-${addDays(today, -1)}`).waitFor();
    expect(await page.getByTestId(`milestone-${addDays(today, -1)}`).textContent()).toContain('未完成');
    // a leader reads the plan but cannot change it
    expect(await page.getByTestId('add-milestone').count()).toBe(0);
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size: the balance by origin, the milestones and the ledger, recovery cases first, fit the screen (cards on a phone)', async (vp) => {
    await useViewport(b.page, vp);
    const auditor = await b.stack.as('auditor');
    const position = (await auditor.get('/advances')).body.position;
    const ledger = (await auditor.get('/advances/ledger?status=open')).body.items as { number: string; debtor: string; recoverFirst: boolean }[];
    const page = await loginAs(b, 'county_mayor');
    await page.goto(b.url('/advances'));
    const entryClass = vp === 'phone' ? 'list-card' : 'ant-table-row';
    for (const [list, key] of [['by-origin', 'opening_stock-null'], ['milestones', addDays(today, -1)], ['ledger', ledger[0].number]]) {
      const entry = page.locator(`[data-testid="${list}"] [data-request="${key}"]`);
      await entry.waitFor();
      expect(await entry.getAttribute('class')).toContain(entryClass);
    }
    // the irregular lending is the first entry, marked for recovery first (R-L11)
    const first = page.locator('[data-testid="ledger"] [data-request]').first();
    expect(ledger[0]).toEqual(expect.objectContaining({ debtor: '县城投公司', recoverFirst: true }));
    expect(await first.textContent()).toContain('县城投公司');
    expect(await first.getByTestId('recover-first').textContent()).toBe('优先清收');
    expect(await page.getByTestId(`milestone-${addDays(today, -1)}`).textContent()).toContain('未完成');
    expect(digits(await page.getByTestId('by-origin-total').textContent())).toBe(position.outstanding);
    await page.getByTestId('reduction-chart').locator('canvas').waitFor();
    await expectNoHorizontalOverflow(page);
    await expectNoRawKeys(page);
    await shotAt(page, 'advances-ledger', vp);
  });
});
