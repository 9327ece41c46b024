import { startStack, Stack, UserClient } from '../support/stack';
import { decideLoanTask, loanApplication } from '../support/loans';
import { dataRows, fenOf, sheetOf, totalsRow } from '../support/workbook';
import { chinaDate, addDays, toFen } from '../../domain';
import { THIS_YEAR } from '../support/years';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const YEAR = THIS_YEAR;
const file = async (clerk: UserClient, amount: string, purpose: string) => {
  const res = await clerk.post('/budget-requests', { amount, category: 'project', purpose, justification: '' });
  expect(res.status).toBe(201);
  return res.body.request as { id: string; number: string };
};

describe('the request list: search, filters, sums that say what they sum, Excel of exactly what is shown', () => {
  let kept: { id: string; number: string };
  beforeAll(async () => {
    const edu = await stack.as('clerk_edu');
    kept = await file(edu, '1000.50', '校舍维修');
    await file(edu, '2000.25', '教师培训');
    const rejected = await file(edu, '4000.00', '校车购置');
    const reviewer = await stack.as('reviewer');
    expect((await reviewer.post(`/tasks/${(await reviewer.taskFor(rejected.id)).id}/decision`, { action: 'reject', comment: '不符合追加条件' })).status).toBe(200);
    for (let i = 0; i < 50 && (await edu.get(`/budget-requests/${rejected.id}`)).body.request.status !== 'rejected'; i++) await new Promise((r) => setTimeout(r, 100));
  });

  it('sums the requests still asking for or granted money and counts rejected ones apart', async () => {
    const list = (await (await stack.as('director')).get(`/budget-requests?fiscalYear=${YEAR}&unitId=unit-jyj`)).body;
    expect(list).toMatchObject({ total: 3, amount: '3000.75', excluded: { count: 1, amount: '4000.00' } });
  });

  it('finds a request by its number or by words of its purpose, and filters by filing date (China date)', async () => {
    const director = await stack.as('director');
    expect((await director.get(`/budget-requests?q=${encodeURIComponent('校舍')}`)).body.items.map((r: { id: string }) => r.id)).toEqual([kept.id]);
    expect((await director.get(`/budget-requests?q=${kept.number.toLowerCase()}`)).body.items.map((r: { id: string }) => r.id)).toEqual([kept.id]);
    const today = chinaDate(Date.now());
    expect((await director.get(`/budget-requests?fiscalYear=${YEAR}&from=${today}&to=${today}`)).body.total).toBe(3);
    expect((await director.get(`/budget-requests?fiscalYear=${YEAR}&from=${addDays(today, 1)}`)).body.total).toBe(0);
    const bad = await director.get('/budget-requests?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('from');
  });

  it('exports the filtered list with numeric amounts and a totals row that leaves the rejected one out', async () => {
    const director = await stack.as('director');
    const json = (await director.get(`/budget-requests?fiscalYear=${YEAR}&unitId=unit-jyj`)).body;
    const res = await director.download(`/budget-requests?fiscalYear=${YEAR}&unitId=unit-jyj&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`requests-${YEAR}.xlsx`);
    const ws = await sheetOf(res);
    const header = (ws.getRow(2).values as unknown[]).map(String);
    const amountCol = header.indexOf('申请金额(元) Amount');
    const rows = dataRows(ws);
    expect(rows.map((r) => r[1])).toEqual(json.items.map((r: { number: string }) => r.number));
    expect(rows.map((r) => typeof r[amountCol])).toEqual(['number', 'number', 'number']);
    const totals = totalsRow(ws);
    expect(fenOf(totals.getCell(amountCol))).toBe(toFen(json.amount));
    expect(String(totals.getCell(1).value)).toContain('不含已否决、已撤回 1 笔');
  });
});

describe('the loan list: rejected loans apart, search and step', () => {
  it('sums granted and pending loans and shows the rejected ones apart', async () => {
    const health = await stack.as('clerk_health');
    const a = await health.post('/loans', loanApplication({ amount: '3000.00', purposeDetails: '疫苗冷链周转' }));
    const b = await health.post('/loans', loanApplication({ amount: '5000.00', purposeDetails: '救护车维修周转' }));
    expect(a.status).toBe(201);
    expect((await decideLoanTask(stack, 'reviewer', b.body.loan.id, { action: 'reject', comment: '可用本单位资金解决' }, 'finance_review')).status).toBe(200);
    const director = await stack.as('director');
    for (let i = 0; i < 50 && (await director.get(`/loans/${b.body.loan.id}`)).body.loan.status !== 'rejected'; i++) await new Promise((r) => setTimeout(r, 100));
    const list = (await director.get(`/loans?fiscalYear=${YEAR}&unitId=unit-wjw`)).body;
    expect(list).toMatchObject({ total: 2, amount: '3000.00', rejected: { count: 1, amount: '5000.00' } });
    expect((await director.get(`/loans?q=${encodeURIComponent('冷链')}`)).body.items.map((l: { id: string }) => l.id)).toEqual([a.body.loan.id]);
    expect((await director.get(`/loans?fiscalYear=${YEAR}&step=finance_review`)).body.items.map((l: { id: string }) => l.id)).toEqual([a.body.loan.id]);
  });
});
