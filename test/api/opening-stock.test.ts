import ExcelJS from 'exceljs';
import { startStack, Stack } from '../support/stack';
import { addYuan, addDays, chinaDate, normalizeYuan, OPENING_STOCK_COLUMNS } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = chinaDate(Date.now());

/** An .xlsx laid out like the template: the header row, then one row per advance (cells as typed). */
async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('存量暂付款');
  ws.addRow(OPENING_STOCK_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(username: string, file: Buffer) {
  const login = await fetch(`${stack.baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${stack.baseUrl}/advances/opening-stock/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: new Uint8Array(file) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
}

const county = async () => {
  const p = await stack.prisma.advancesPosition.findUnique({ where: { id: 'county' } });
  return normalizeYuan(p?.outstanding ?? '0');
};
const ledgerSum = async () => addYuan('0.00', ...(await stack.prisma.advance.findMany()).map((a) => normalizeYuan(a.outstanding)));

const GOOD = [
  ['县城投公司', '企业', '1200000.00', '2019-06-30', '违规出借', '张某（原国库股）', '用于企业偿债'],
  ['县水务局', '单位', '350000.50', '2021-03-15', '合规借款', '李某', ''],
  ['县水务局', '单位', '350000.50', '2021-03-15', '合规借款', '李某', ''], // a second, identical advance: both count
];

describe('opening stock (存量暂付款, R-L11) by Excel import', () => {
  it('offers a template with the header the import reads and a notes sheet', async () => {
    const res = await (await stack.as('director')).download('/advances/opening-stock/template');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...OPENING_STOCK_COLUMNS.map((c) => c.header)]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['存量暂付款', '填写说明 Notes']);
    expect((await (await stack.as('clerk_edu')).download('/advances/opening-stock/template')).status).toBe(403);
  });

  it('refuses a file with bad rows whole, naming each bad row and column, and imports nothing', async () => {
    const before = await county();
    const file = await workbook([
      GOOD[0],
      ['县交通局', '单位', '12.5', '2020-01-01', '合规借款', '王某', ''], // amount without two decimals
      ['某建筑公司', '企业', '5000.00', '2020-02-30', '合规借款', '', ''], // no such date; an enterprise loan is irregular; no officer
      ['县卫健委', '机关', '100.00', addDays(today, 1), '违规出借', '赵某', ''], // unknown debtor kind; a date in the future
    ]);
    const res = await upload('director', file);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_rows');
    const cells = res.body.error.rows.map((r: { row: number; column: string }) => `${r.row}:${r.column}`);
    const col = (field: string) => OPENING_STOCK_COLUMNS.find((c) => c.field === field)!.header;
    expect(cells).toEqual(expect.arrayContaining([
      `3:${col('amount')}`, `4:${col('arisenOn')}`, `4:${col('responsibleOfficer')}`, `5:${col('debtorKind')}`,
    ]));
    expect(cells).not.toContain(`2:${col('debtor')}`);
    expect(res.body.error.message).toContain('整份未导入');
    expect(await stack.prisma.advance.count({ where: { origin: 'opening_stock' } })).toBe(0);
    expect(await county()).toBe(before);
    // a row that passes the schema but breaks a rule is named too: lending to an enterprise is 违规出借 (R-L1)
    const ruled = await upload('director', await workbook([['某建筑公司', '企业', '5000.00', '2020-02-28', '合规借款', '钱某', '']]));
    expect(ruled.body.error.rows).toEqual([{ row: 2, column: col('kind'), message: expect.stringContaining('R-L1') }]);
  });

  it('imports a good file once: the balance rises by exactly its sum, and the same file again adds nothing', async () => {
    const before = await county();
    const file = await workbook(GOOD);
    const first = await upload('director', file);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ added: 3, skipped: 0, amount: '1900001.00' });
    expect(await county()).toBe(addYuan(before, '1900001.00'));

    const again = await upload('director', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 0, skipped: 3, amount: '0.00' });
    expect(await county()).toBe(addYuan(before, '1900001.00'));
    expect(await ledgerSum()).toBe(await county());

    // Not a spreadsheet at all
    expect((await upload('director', Buffer.from('not a workbook'))).body.error.code).toBe('invalid_file');
    expect((await upload('treasury', file)).status).toBe(403);
  });

  it('enters one advance by form once; the same advance again is refused as already entered', async () => {
    const director = await stack.as('director');
    const entry = { debtor: '县农业农村局', debtorKind: 'unit', amount: '80000.00', arisenOn: '2022-09-01', kind: 'compliant', responsibleOfficer: '孙某', note: '抗旱' };
    const res = await director.post('/advances/opening-stock', entry);
    expect(res.status).toBe(201);
    expect(res.body.advance).toMatchObject({ origin: 'opening_stock', outstanding: '80000.00', fiscalYear: 2022, kindLabel: { zh: '合规借款' } });
    expect((await director.post('/advances/opening-stock', entry)).status).toBe(409);
    const bad = await director.post('/advances/opening-stock', { ...entry, amount: '1', kind: '随便' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'kind']);
  });
});

describe('opening-stock rows take repayments and write-offs, count in R-L8 and appear in the ageing', () => {
  it('shows the county-wide balance by origin, agreeing with the ledger to the fen, with the stock in the 90+ bucket', async () => {
    const position = (await (await stack.as('auditor')).get('/advances')).body.position;
    expect(position.outstanding).toBe(await ledgerSum());
    const stock = position.byOrigin.find((o: { origin: string }) => o.origin === 'opening_stock');
    expect(stock).toEqual({ origin: 'opening_stock', fiscalYear: null, count: 4, outstanding: '1980001.00' });
    expect(position.stockAgeing['90+']).toEqual({ count: 4, outstanding: '1980001.00' });
    expect(position.overdue.ageing['90+'].count).toBeGreaterThanOrEqual(4);
  });

  it('lists irregular lending first for recovery (清收)', async () => {
    const ledger = (await (await stack.as('director')).get('/advances/ledger')).body;
    expect(ledger.items[0]).toMatchObject({ debtor: '县城投公司', kind: 'irregular', recoverFirst: true });
    expect(ledger.outstanding).toBe(await ledgerSum());
    expect((await (await stack.as('clerk_edu')).get('/advances/ledger')).status).toBe(403);
  });

  it('records a repayment once, refuses over-repayment, and lets only the director write the rest off', async () => {
    const director = await stack.as('director');
    const treasury = await stack.as('treasury');
    const row = (await director.get('/advances/ledger?kind=irregular')).body.items[0];
    const before = await county();
    const paid = await treasury.post(`/advances/ledger/${row.id}/repayments`, { paymentId: 'QS-1', amount: '200000.00', on: today });
    expect(paid.status).toBe(201);
    expect(paid.body.advance).toMatchObject({ outstanding: '1000000.00', status: 'open' });
    expect((await treasury.post(`/advances/ledger/${row.id}/repayments`, { paymentId: 'QS-1', amount: '200000.00', on: today })).status).toBe(200);
    expect(await county()).toBe(addYuan(before, '-200000.00'));
    const over = await treasury.post(`/advances/ledger/${row.id}/repayments`, { paymentId: 'QS-2', amount: '1000000.01', on: today });
    expect(over.status).toBe(422);
    expect((await treasury.post(`/advances/ledger/${row.id}/write-offs`, { paymentId: 'HX-1', amount: '1000000.00', on: today })).status).toBe(403);
    const off = await director.post(`/advances/ledger/${row.id}/write-offs`, { paymentId: 'HX-1', amount: '1000000.00', on: today, reference: '县政府常务会议纪要〔2026〕9号' });
    expect(off.body.advance).toMatchObject({ outstanding: '0.00', status: 'closed' });
    expect(await county()).toBe(addYuan(before, '-1200000.00'));
    expect(await ledgerSum()).toBe(await county());
    const detail = (await director.get(`/advances/ledger/${row.id}`)).body;
    expect(detail.movements.map((m: { kind: string; amount: string }) => `${m.kind}:${m.amount}`)).toEqual(['repayment:200000.00', 'write_off:1000000.00']);
    expect(detail.advance.writtenOff).toBe('1000000.00');
  });
});
