/** R-B11: at the year turn open requests are carried over (re-checked under R-B3) or lapse by the director's decision. */
import { startStack, Stack } from '../support/stack';
import { THIS_YEAR } from '../support/years';
import { subYuan } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const NEXT = THIS_YEAR + 1;
const request = (amount: string, purpose: string) => ({ amount, category: 'project', purpose, justification: '' });

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

describe('the year turn (R-B11)', () => {
  it('gives the director one task listing what is open; carrying is re-checked under R-B3, lapsing releases and tells the department', async () => {
    const clerk = await stack.as('clerk_edu');
    const reserved = (await clerk.post('/budget-requests', request('300000.00', '校舍维修（跨年）'))).body.request;
    const waiting = (await clerk.post('/budget-requests', request('20000.00', '办公设备（跨年）'))).body.request;
    const reviewer = await stack.as('reviewer');
    expect((await reviewer.post(`/tasks/${(await reviewer.taskFor(reserved.id)).id}/decision`, { action: 'approve' })).status).toBe(200);
    const director = await stack.as('director');
    const oldYearBefore = (await director.get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear;
    // The new year has only 100,000.00 available: the 300,000.00 reservation does not fit yet.
    expect((await director.put(`/fiscal-years/${NEXT}`, { generalBudgetExpenditure: '1000000.00', fundBudgetExpenditure: '0.00', availableResources: '100000.00', reason: '测试调整', documentReference: '东财预〔2026〕9号' })).status).toBe(200);

    expect((await (await stack.as('reviewer')).post(`/year-turns/${THIS_YEAR}/start`)).status).toBe(403);
    expect((await director.post(`/year-turns/${THIS_YEAR}/start`)).status).toBe(202);
    const turn = (await until(() => director.get(`/year-turns/${THIS_YEAR}`), (r) => r.status === 200)).body.yearTurn;
    expect(turn).toMatchObject({ fromYear: THIS_YEAR, toYear: NEXT, status: 'open' });
    expect(turn.items.map((i: { number: string; reserved: boolean }) => [i.number, i.reserved])).toEqual([[reserved.number, true], [waiting.number, false]]);
    // one task in the director's inbox, and an e-mail listing both
    const tasks = (await until(() => director.get('/tasks'), (r) => r.body.items.some((t: { yearTurn?: object }) => t.yearTurn))).body.items;
    expect(tasks.filter((t: { yearTurn?: { fromYear: number } }) => t.yearTurn?.fromYear === THIS_YEAR)).toHaveLength(1);
    const [mail] = await until(async () => stack.smtp.received.filter((m) => m.to.includes('director@county.local') && m.subject.includes('R-B11')), (m) => m.length > 0);
    expect(mail.text).toContain(reserved.number);
    expect(mail.text).toContain(waiting.number);

    // Nothing lapses silently: every listed request needs a decision.
    const partial = await director.post(`/year-turns/${THIS_YEAR}/decision`, { decisions: [{ requestId: reserved.id, action: 'carry' }] });
    expect(partial.status).toBe(422);
    expect(partial.body.error.message).toContain(waiting.number);

    const decisions = [{ requestId: reserved.id, action: 'carry' }, { requestId: waiting.id, action: 'lapse' }];
    const refused = await director.post(`/year-turns/${THIS_YEAR}/decision`, { decisions });
    expect(refused.status).toBe(422);
    expect(refused.body.error.violations[0]).toMatchObject({ ruleId: 'R-B3', detail: expect.stringContaining(reserved.number) });
    // nothing half-written
    expect((await director.get(`/budget-requests/${waiting.id}`)).body.request.status).toBe('in_review');
    expect((await director.get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear.reserved).toBe(oldYearBefore.reserved);

    expect((await director.put(`/fiscal-years/${NEXT}`, { generalBudgetExpenditure: '1000000.00', fundBudgetExpenditure: '0.00', availableResources: '500000.00', reason: '测试调整', documentReference: '东财预〔2026〕9号' })).status).toBe(200);
    const decided = await director.post(`/year-turns/${THIS_YEAR}/decision`, { decisions });
    expect(decided.status).toBe(200);
    expect(decided.body.outcome).toEqual({ carried: 1, lapsed: 1 });
    expect(decided.body.yearTurn.status).toBe('decided');

    const carried = (await director.get(`/budget-requests/${reserved.id}`)).body;
    expect(carried.request).toMatchObject({ fiscalYear: NEXT, status: 'in_review' });
    expect(carried.reservation).toMatchObject({ fiscalYear: NEXT, amount: '300000.00', status: 'reserved' });
    expect((await director.get(`/fiscal-years/${NEXT}`)).body.fiscalYear).toMatchObject({ reserved: '300000.00', remaining: '200000.00' });
    const oldYear = (await director.get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear;
    expect(subYuan(oldYearBefore.reserved, oldYear.reserved)).toBe('300000.00');

    const lapsed = (await director.get(`/budget-requests/${waiting.id}`)).body;
    expect(lapsed.request).toMatchObject({ status: 'lapsed' });
    expect(lapsed.tasks.every((t: { status: string }) => t.status !== 'open')).toBe(true);
    const told = await until(async () => stack.smtp.received.filter((m) => m.to.includes('clerk_edu@county.local') && m.subject.includes(waiting.number)), (m) => m.length > 0);
    expect(told[0].subject).toContain('失效');
    // the lapsed request's workflow has ended
    const desc = await until(() => stack.temporal.workflow.getHandle(`budget-${waiting.id}`).describe(), (d) => d.status.name !== 'RUNNING');
    expect(desc.status.name).toBe('CANCELLED');
    // a second decision is refused; the carried request goes on in its chain under the new year
    expect((await director.post(`/year-turns/${THIS_YEAR}/decision`, { decisions })).status).toBe(409);
  });
});
