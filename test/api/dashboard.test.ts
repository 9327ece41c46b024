import { startStack, Stack, UserClient } from '../support/stack';
import { dataRows, fenOf, sheetOf, totalsRow } from '../support/workbook';
import { toFen } from '../../domain';
import { addYuan } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const request = (over: Record<string, unknown> = {}) => ({
  amount: '10000.00', category: 'project', purpose: '农村公路养护', justification: '', ...over,
});
async function decide(user: UserClient, requestId: string, body: Record<string, unknown>) {
  const task = await user.taskFor(requestId);
  const res = await user.post(`/tasks/${task.id}/decision`, body);
  expect(res.status).toBe(200);
}
/** Files a request and waits until the reviewer's task is open, so tasks open in filing order. */
const file = async (clerk: UserClient, over: Record<string, unknown> = {}) => {
  const res = await clerk.post('/budget-requests', request(over));
  expect(res.status).toBe(201);
  await (await stack.as('reviewer')).taskFor(res.body.request.id);
  return res.body.request.id as string;
};

let ids: { waiting: string; waitingB5: string; briefing: string; executed: string; water: string };

beforeAll(async () => {
  const edu = await stack.as('clerk_edu');
  const water = await stack.as('clerk_water');
  const reviewer = await stack.as('reviewer');
  const waiting = await file(edu, { amount: '1000.00' });
  const waitingB5 = await file(edu, { amount: '2000.00', category: 'three_guarantees_personnel', purpose: '教师工资缺口' });
  const briefing = await file(edu, { amount: '3000.00' });
  const executed = await file(edu, { amount: '4000.00' });
  const waterId = await file(water, { amount: '5000.00', purpose: '堤防巡查' });
  await decide(reviewer, briefing, { action: 'approve' });
  await decide(reviewer, executed, { action: 'approve' });
  for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) await decide(await stack.as(leader), executed, { action: 'acknowledge' });
  await decide(await stack.as('meeting_secretary'), executed, { action: 'approve', meetingKind: 'executive', meetingReference: '县政府第1次常务会议' });
  await decide(await stack.as('npc_liaison'), executed, { action: 'approve', resolutionReference: '县人大常委会〔2026〕1号批复' });
  // Both leaders' tasks for `briefing` must exist before the dashboard counts it.
  await (await stack.as('party_secretary')).taskFor(briefing);
  ids = { waiting, waitingB5, briefing, executed, water: waterId };
});

describe('the finance dashboard', () => {
  it('counts pending approvals by step with the oldest first, and its numbers match their lists', async () => {
    const director = await stack.as('director');
    const res = await director.get('/dashboard?fiscalYear=2026');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ fiscalYear: 2026, scope: 'all' });
    const count = (step: string) => d.pending.byStep.find((s: { step: string }) => s.step === step);
    expect(count('finance_review')).toMatchObject({ count: 3, threeGuarantees: 1 });
    expect(count('leader_briefing')).toMatchObject({ count: 1, threeGuarantees: 0 });
    expect(count('executive_meeting').count).toBe(0);
    expect(d.pending.total).toBe(4);
    expect(d.requests).toMatchObject({ in_review: 4, executed: 1 });

    const list = await director.get('/dashboard/lists/pending?fiscalYear=2026&step=finance_review');
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([ids.waiting, ids.waitingB5, ids.water]);
    const since = list.body.items.map((r: { waitingSince: string }) => Date.parse(r.waitingSince));
    expect([...since].sort((a, b) => a - b)).toEqual(since);
    expect(list.body.items[0].waitingOn).toEqual(['陈红（预算股审核人）']);
    // A row of the list is the request as everywhere else (amount, unit, labels, flags), plus since when and on whom it waits.
    const { waitingSince: _since, ageHours: _age, waitingOn: _on, ...listed } = list.body.items[1];
    expect(listed).toEqual((await director.get(`/budget-requests/${ids.waitingB5}`)).body.request);
    expect((await director.get('/dashboard/lists/pending?fiscalYear=2026')).body.total).toBe(d.pending.total);
    expect((await director.get('/dashboard/lists/requests?fiscalYear=2026&status=executed')).body.items.map((r: { id: string }) => r.id)).toEqual([ids.executed]);
  });

  it('R-B3: shows available resources used and left, matching the fiscal year and the reservation lists', async () => {
    const director = await stack.as('director');
    const { resources } = (await director.get('/dashboard?fiscalYear=2026')).body;
    const fy = (await director.get('/fiscal-years/2026')).body.fiscalYear;
    expect(resources).toMatchObject({
      availableResources: fy.availableResources, reserved: '3000.00', committed: '4000.00', used: '7000.00', remaining: fy.remaining,
      reservedCount: 1, committedCount: 1, rule: { ruleId: 'R-B3' },
    });
    const reserved = (await director.get('/dashboard/lists/reserved?fiscalYear=2026')).body.items;
    const committed = (await director.get('/dashboard/lists/committed?fiscalYear=2026')).body.items;
    expect(addYuan(...reserved.map((r: { heldAmount: string }) => r.heldAmount))).toBe(resources.reserved);
    expect(addYuan(...committed.map((r: { heldAmount: string }) => r.heldAmount))).toBe(resources.committed);
  });

  it('shows a clerk only their own unit, and an auditor everything', async () => {
    const water = await stack.as('clerk_water');
    const mine = (await water.get('/dashboard?fiscalYear=2026')).body;
    expect(mine.scope).toBe('unit');
    expect(mine.pending.total).toBe(1);
    const rows = (await water.get('/dashboard/lists/requests?fiscalYear=2026')).body.items;
    expect(rows.map((r: { id: string }) => r.id)).toEqual([ids.water]);
    expect((await water.get('/dashboard/lists/reserved?fiscalYear=2026')).body.items).toEqual([]);
    // the sums are the unit's too, and the county's resources are not a clerk's figure
    expect(mine.resources).toMatchObject({ reserved: '0.00', committed: '0.00', used: '0.00', availableResources: null, remaining: null });
    const edu = (await (await stack.as('clerk_edu')).get('/dashboard?fiscalYear=2026')).body;
    expect(edu.resources).toMatchObject({ reserved: '3000.00', committed: '4000.00', reservedCount: 1, committedCount: 1 });

    const auditor = await stack.as('auditor');
    const all = (await auditor.get('/dashboard?fiscalYear=2026')).body;
    expect(all.scope).toBe('all');
    expect(all.pending.total).toBe(4);
  });

  it('exports a list to Excel with the same rows', async () => {
    const director = await stack.as('director');
    const json = (await director.get('/dashboard/lists/pending?fiscalYear=2026')).body;
    const res = await director.download('/dashboard/lists/pending?fiscalYear=2026&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('pending-2026.xlsx');
    const ws = await sheetOf(res);
    expect(String(ws.getRow(2).getCell(1).value)).toContain('申请编号');
    const numbers = dataRows(ws).map((r) => String(r[1]));
    expect(numbers).toEqual(json.items.map((r: { number: string }) => r.number));
    expect(fenOf(ws.getRow(3).getCell(5))).toBe(toFen(json.items[0].amount));
    // the totals row sums the amounts exactly
    const totals = totalsRow(ws);
    expect(String(totals.getCell(1).value)).toContain(`${json.items.length} 笔`);
    expect(fenOf(totals.getCell(5))).toBe(json.items.reduce((s: bigint, r: { amount: string }) => s + toFen(r.amount), 0n));
  });

  it('names a bad list or step with a 400', async () => {
    const director = await stack.as('director');
    const bad = await director.get('/dashboard/lists/everything');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('list');
    const step = await director.get('/dashboard/lists/pending?step=revision');
    expect(step.status).toBe(400);
    expect(step.body.error.fields[0].field).toBe('step');
  });
});
