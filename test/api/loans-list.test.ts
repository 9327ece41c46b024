import { startStack, Stack } from '../support/stack';
import { dataRows, fenOf, sheetOf, totalsRow } from '../support/workbook';
import { YUAN_FORMAT } from '../../api/workbook';
import { decideLoanTask, executiveApproval, loanApplication, setLoanDueDate } from '../support/loans';
import { THIS_YEAR } from '../support/years';
import { addDays, addYuan, AGEING, AGEING_BUCKETS, ageingBucket, chinaDate } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

/** Applies, approves and disburses a loan; then, as if time had passed, moves its due date `daysOverdue` days back. */
async function disbursedLoan(clerk: string, over: Record<string, unknown>, daysOverdue: number | null, repay?: string) {
  const created = await (await stack.as(clerk)).post('/loans', loanApplication(over));
  expect(created.status).toBe(201);
  const { id, number } = created.body.loan as { id: string; number: string };
  expect((await decideLoanTask(stack, 'reviewer', id, { action: 'approve' })).status).toBe(200);
  expect((await decideLoanTask(stack, 'meeting_secretary', id, executiveApproval('县政府2026年第30次常务会议'))).status).toBe(200);
  const treasury = await stack.as('treasury');
  expect((await treasury.post(`/loans/${id}/disburse`, {})).status).toBe(200);
  if (repay) expect((await treasury.post(`/loans/${id}/repayments`, { paymentId: `YH-${number}`, amount: repay, paidOn: chinaDate(Date.now()) })).status).toBe(201);
  if (daysOverdue !== null) {
    // The workflow's own timers are proven on the time-skipping server; the lists read the database.
    await setLoanDueDate(stack, id, addDays(chinaDate(Date.now()), -daysOverdue));
  }
  return { id, number };
}

type Loan = { id: string; number: string; outstanding: string; daysOverdue: number | null; unitId: string };
let loans: Record<string, { id: string; number: string }>;

beforeAll(async () => {
  // Both ends of every bucket, two units, one loan not yet due and one carried over from last year.
  loans = {
    edu0: await disbursedLoan('clerk_edu', { amount: '1000.00' }, 0),
    edu30: await disbursedLoan('clerk_edu', { amount: '2000.00' }, 30),
    edu31: await disbursedLoan('clerk_edu', { amount: '3000.00' }, 31),
    edu91: await disbursedLoan('clerk_edu', { amount: '4000.00' }, 91),
    water90: await disbursedLoan('clerk_water', { amount: '5000.00' }, 90),
    water200: await disbursedLoan('clerk_water', { amount: '6000.00' }, 200, '0.01'),
    eduNotDue: await disbursedLoan('clerk_edu', { amount: '7000.00' }, null),
    eduLastYear: await disbursedLoan('clerk_edu', { amount: '8000.00' }, 10),
  };
  // As if disbursed last year and carried over: it belongs to last year, and still counts in the county's balance.
  await stack.prisma.loan.update({ where: { id: loans.eduLastYear.id }, data: { fiscalYear: THIS_YEAR - 1 } });
  await stack.prisma.advance.update({ where: { loanId: loans.eduLastYear.id }, data: { fiscalYear: THIS_YEAR - 1 } });
});

const ids = (items: Loan[]) => items.map((l) => l.id).sort();

describe('overdue loans by ageing bucket (R-M2, R-L10)', () => {
  it('each bucket lists exactly the loans the advances position counts there, with the same outstanding sum', async () => {
    const director = await stack.as('director');
    // County-wide (R-L8 counts every year's advances): last year's loan is in the 0–30 bucket too.
    const position = (await director.get('/advances')).body.position;
    const expected: Record<string, string[]> = {
      '0-30': [loans.edu0.id, loans.edu30.id, loans.eduLastYear.id], '31-90': [loans.edu31.id, loans.water90.id], '90+': [loans.edu91.id, loans.water200.id],
    };
    expect(position.overdue.ageing).toEqual({
      '0-30': { count: 3, outstanding: '11000.00' }, '31-90': { count: 2, outstanding: '8000.00' }, '90+': { count: 2, outstanding: '9999.99' },
    });
    for (const bucket of AGEING_BUCKETS) {
      const list = await director.get(`/loans?overdueBucket=${encodeURIComponent(bucket)}`);
      expect(list.status).toBe(200);
      expect(ids(list.body.items)).toEqual([...expected[bucket]].sort());
      expect(list.body.total).toBe(position.overdue.ageing[bucket].count);
      expect(list.body.outstanding).toBe(position.overdue.ageing[bucket].outstanding);
      expect(addYuan('0.00', ...list.body.items.map((l: Loan) => l.outstanding))).toBe(position.overdue.ageing[bucket].outstanding);
      for (const l of list.body.items as Loan[]) expect(ageingBucket(l.daysOverdue!)).toBe(bucket);
    }
    const all = (await director.get('/loans?overdue=true')).body;
    expect(all).toMatchObject({ total: position.overdue.count, outstanding: position.overdue.outstanding });
    // The year a loan was disbursed in still selects: last year's loan alone.
    expect(ids((await director.get(`/loans?fiscalYear=${THIS_YEAR - 1}&overdueBucket=0-30`)).body.items)).toEqual([loans.eduLastYear.id]);
  });

  it('shows a clerk only their own unit’s overdue loans of the bucket', async () => {
    const water = await stack.as('clerk_water');
    const list = (await water.get(`/loans?fiscalYear=${THIS_YEAR}&overdueBucket=31-90`)).body;
    expect(ids(list.items)).toEqual([loans.water90.id]);
    expect(list).toMatchObject({ total: 1, outstanding: '5000.00' });
  });

  it('refuses an unknown bucket with a 400 naming overdueBucket', async () => {
    const director = await stack.as('director');
    const bad = await director.get('/loans?overdueBucket=60-90');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('overdueBucket');
    expect(bad.body.error.message).toContain('0-30');
    const contradictory = await director.get('/loans?overdue=false&overdueBucket=0-30');
    expect(contradictory.status).toBe(400);
    expect(contradictory.body.error.fields[0].field).toBe('overdueBucket');
  });
});

describe('the loan list in Excel', () => {
  it('exports exactly the filtered list, amounts as numeric ¥ cells with a totals row, under a caption naming the filter', async () => {
    const director = await stack.as('director');
    const json = (await director.get(`/loans?fiscalYear=${THIS_YEAR}&overdueBucket=90%2B`)).body;
    const res = await download('director', `/loans?fiscalYear=${THIS_YEAR}&overdueBucket=90%2B&format=xlsx`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`loans-${THIS_YEAR}-overdue-90+.xlsx`);
    const ws = await sheetOf(res);
    const caption = String(ws.getRow(1).getCell(1).value);
    expect(caption).toContain(String(THIS_YEAR));
    expect(caption).toContain(AGEING['90+'].zh);
    expect(caption).toContain('共 2 笔，未还合计 9999.99 元');
    const header = (ws.getRow(2).values as unknown[]).map(String);
    expect(header).toEqual(expect.arrayContaining(['借款编号 Number', '借款金额(元) Amount', '未还余额(元) Outstanding']));
    const col = (name: string) => header.indexOf(name);
    const rows = dataRows(ws);
    expect(rows.map((r) => r[col('借款编号 Number')])).toEqual(json.items.map((l: Loan) => l.number));
    const water = rows.find((r) => r[col('借款编号 Number')] === loans.water200.number)!;
    expect(water[col('借款金额(元) Amount')]).toBe(6000);
    expect(water[col('未还余额(元) Outstanding')]).toBe(5999.99);
    const amountCell = ws.getRow(3).getCell(col('借款金额(元) Amount'));
    expect(amountCell.numFmt).toBe(YUAN_FORMAT);
    expect(amountCell.alignment?.horizontal).toBe('right');
    // the totals row: the count and the exact sums of the rows above, as numbers
    const totals = totalsRow(ws);
    expect(String(totals.getCell(1).value)).toContain('2 笔');
    expect(fenOf(totals.getCell(col('未还余额(元) Outstanding')))).toBe(999999n);
    const sum = rows.reduce((s, r) => s + BigInt(Math.round((r[col('借款金额(元) Amount')] as number) * 100)), 0n);
    expect(fenOf(totals.getCell(col('借款金额(元) Amount')))).toBe(sum);
    expect(json.outstanding).toBe('9999.99');
    expect(water[col('逾期账龄 Ageing (R-M2)')]).toBe(AGEING['90+'].zh);
  });

  it('exports the whole list, not one page', async () => {
    const director = await stack.as('director');
    const page = (await director.get(`/loans?fiscalYear=${THIS_YEAR}&limit=2`)).body;
    expect(page.items).toHaveLength(2);
    const rows = dataRows(await sheetOf(await download('director', `/loans?fiscalYear=${THIS_YEAR}&limit=2&format=xlsx`)));
    expect(rows).toHaveLength(page.total);
    expect(page.total).toBe(7);
  });

  it('gives a clerk only their own unit, as the list does', async () => {
    const edu = await stack.as('clerk_edu');
    const json = (await edu.get(`/loans?fiscalYear=${THIS_YEAR}`)).body;
    const ws = await sheetOf(await download('clerk_edu', `/loans?fiscalYear=${THIS_YEAR}&format=xlsx`));
    expect(String(ws.getRow(1).getCell(1).value)).toContain('本单位');
    const numbers = dataRows(ws).map((r) => r[1]);
    expect(numbers).toEqual(json.items.map((l: Loan) => l.number));
    expect(numbers).toHaveLength(5);
    expect(numbers).not.toContain(loans.water90.number);
    // asking for another unit changes nothing for a clerk
    const other = dataRows(await sheetOf(await download('clerk_edu', `/loans?fiscalYear=${THIS_YEAR}&unitId=unit-slj&format=xlsx`)));
    expect(other.map((r) => r[1])).toEqual(numbers);
  });
});

describe('GET /users', () => {
  it('lists the treasury officers by id and display name for any signed-in user, and nothing more', async () => {
    await stack.prisma.user.create({ data: { id: 'user-treasury-2', username: 'treasury2', displayName: '钱出纳（国库股）', email: 'treasury2@county.local', passwordHash: 'x', roles: ['treasury_officer', 'auditor'] } });
    const clerk = await stack.as('clerk_edu');
    const res = await clerk.get('/users?role=treasury_officer');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(expect.arrayContaining([{ id: 'user-treasury', displayName: '林会计（国库股）' }, { id: 'user-treasury-2', displayName: '钱出纳（国库股）' }]));
    expect(res.body.items).toHaveLength(2);
    for (const u of res.body.items) expect(Object.keys(u).sort()).toEqual(['displayName', 'id']);
    const bad = await clerk.get('/users?role=cashier');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('role');
    expect((await fetch(`${stack.baseUrl}/users?role=treasury_officer`)).status).toBe(401);
  });
});

/** Fetches a file as `username`, expecting it to be there. */
async function download(username: string, path: string): Promise<Response> {
  const res = await (await stack.as(username)).download(path);
  expect(res.status).toBe(200);
  return res;
}
