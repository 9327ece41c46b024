import { startStack, Stack } from '../support/stack';
import { loanApplication } from '../support/loans';
import { LOAN_POSITIONS, positionLabel } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

interface Filed { kind: string; number: string; amount: string; stepLabel: { zh: string }; createdAt: string }

describe('GET /me/filed: 我发起的, paged by the server', () => {
  const filed: string[] = []; // numbers, oldest first
  beforeAll(async () => {
    const health = await stack.as('clerk_health');
    for (let i = 0; i < 5; i++) {
      const r = await health.post('/budget-requests', { amount: `${1000 + i}.00`, category: 'project', purpose: `卫生院设备购置 ${i}`, justification: '' });
      expect(r.status).toBe(201);
      filed.push(r.body.request.number);
      if (i % 2 === 0) {
        const loan = await health.post('/loans', loanApplication({ amount: `${2000 + i}.00`, purposeDetails: `药品采购临时周转 ${i}` }));
        expect(loan.status).toBe(201);
        filed.push(loan.body.loan.number);
      }
    }
    // another clerk of another unit files too: never in health's list
    expect((await (await stack.as('clerk_water')).post('/budget-requests', { amount: '99.00', category: 'project', purpose: '水利', justification: '' })).status).toBe(201);
  });

  it('lists requests and loans I filed, newest first, with the total and nothing of anyone else', async () => {
    const res = await (await stack.as('clerk_health')).get('/me/filed?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(8);
    expect(res.body.items.map((x: Filed) => x.number)).toEqual([...filed].reverse());
    expect(res.body.items.filter((x: Filed) => x.kind === 'loan')).toHaveLength(3);
    expect(res.body.items[0]).toMatchObject({ kind: 'loan', amount: '2004.00', stepLabel: { zh: LOAN_POSITIONS.finance_review.zh } });
    expect(res.body.items[1]).toMatchObject({ kind: 'request', amount: '1004.00', stepLabel: { zh: positionLabel('finance_review') } });
  });

  it('pages exactly: the pages together are the whole list, each number once', async () => {
    const health = await stack.as('clerk_health');
    const pages = [];
    for (let offset = 0; offset < 8; offset += 3) pages.push((await health.get(`/me/filed?limit=3&offset=${offset}`)).body);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 2]);
    expect(pages.every((p) => p.total === 8)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((x: Filed) => x.number))).toEqual([...filed].reverse());
  });

  it('is empty for someone who files nothing, and refuses a page size it does not serve, naming the field', async () => {
    expect((await (await stack.as('reviewer')).get('/me/filed')).body).toMatchObject({ total: 0, items: [] });
    const bad = await (await stack.as('clerk_health')).get('/me/filed?limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('limit');
  });
});
