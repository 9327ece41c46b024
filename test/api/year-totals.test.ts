/**
 * The per-year totals the dashboard and the request lists read (migration …_year_totals) equal a
 * fresh count of the rows after filings, decisions that reserve, release and commit (R-B3), a return
 * and resubmission, a withdrawal, a year turn that carries one request and lets another lapse (R-B11),
 * and many transactions moving requests between statuses at once.
 */
import { startStack, Stack, UserClient } from '../support/stack';
import { THIS_YEAR } from '../support/years';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const NEXT = THIS_YEAR + 1;
const request = (amount: string, purpose: string) => ({ amount, category: 'project', purpose, justification: '' });

/** The kept totals and a fresh count of the rows, in one shape, to compare. */
async function keptAndCounted() {
  const q = (sql: string) => stack.prisma.$queryRawUnsafe<{ key: string; count: number; amount: string }[]>(sql);
  const shape = (rows: { key: string; count: number; amount: string }[]) => Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.key, `${r.count}:${r.amount}`]));
  const requests = 'concat_ws(\'/\', "fiscalYear", "unitId", status) AS key';
  return {
    kept: {
      requests: shape(await q(`SELECT ${requests}, count::int, amount::text FROM "BudgetRequestTotal"`)),
      reservations: shape(await q(`SELECT concat_ws('/', "fiscalYear", "unitId", status) AS key, count::int, amount::text FROM "ReservationTotal"`)),
    },
    counted: {
      requests: shape(await q(`SELECT ${requests}, count(*)::int AS count, sum(amount)::text AS amount FROM "BudgetRequest" GROUP BY 1`)),
      reservations: shape(await q(`SELECT concat_ws('/', r."fiscalYear", b."unitId", r.status) AS key, count(*)::int AS count, sum(r.amount)::text AS amount
        FROM "Reservation" r JOIN "BudgetRequest" b ON b.id = r."requestId" GROUP BY 1`)),
    },
  };
}

async function decided(user: UserClient, id: string, body: Record<string, unknown>, step?: string) {
  const task = await user.taskFor(id, step);
  expect((await user.post(`/tasks/${task.id}/decision`, body)).status).toBe(200);
}

describe('the kept year totals', () => {
  it('equal a fresh count after filings, decisions, a return, a withdrawal and a year turn', async () => {
    const edu = await stack.as('clerk_edu');
    const water = await stack.as('clerk_water');
    const reviewer = await stack.as('reviewer');
    const file = async (clerk: UserClient, amount: string, purpose: string) => {
      const res = await clerk.post('/budget-requests', request(amount, purpose));
      expect(res.status).toBe(201);
      return res.body.request.id as string;
    };
    const executed = await file(edu, '4000.00', '执行');
    const returned = await file(water, '300.00', '退回后重报');
    const rejected = await file(edu, '500.00', '会议否决');
    const withdrawn = await file(water, '600.00', '撤回');
    const carried = await file(edu, '700.00', '跨年结转');
    const lapsing = await file(water, '800.00', '跨年失效');

    await decided(reviewer, executed, { action: 'approve' });
    for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) await decided(await stack.as(leader), executed, { action: 'acknowledge' });
    await decided(await stack.as('meeting_secretary'), executed, { action: 'approve', meetingKind: 'executive', meetingReference: '县政府第1次常务会议' });
    await decided(await stack.as('npc_liaison'), executed, { action: 'approve', resolutionReference: '县人大常委会〔2026〕1号批复' });

    await decided(reviewer, returned, { action: 'return', comment: '请补充测算依据' });
    await water.taskFor(returned, 'revision');
    expect((await water.post(`/budget-requests/${returned}/resubmit`, { ...request('280.00', '退回后重报（已补充）'), round: 1 })).status).toBe(200);
    await decided(reviewer, returned, { action: 'approve' }, 'finance_review');

    await decided(reviewer, rejected, { action: 'approve' });
    for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) await decided(await stack.as(leader), rejected, { action: 'acknowledge' });
    await decided(await stack.as('meeting_secretary'), rejected, { action: 'reject', comment: '暂缓安排', meetingKind: 'office', meetingReference: '县政府第3次办公会议' });

    await decided(reviewer, withdrawn, { action: 'return', comment: '请说明' });
    await water.taskFor(withdrawn, 'revision');
    expect((await water.post(`/budget-requests/${withdrawn}/withdraw`, { comment: '不再需要' })).status).toBe(200);
    await decided(reviewer, carried, { action: 'approve' });

    const director = await stack.as('director');
    expect((await director.put(`/fiscal-years/${NEXT}`, { generalBudgetExpenditure: '1000000.00', fundBudgetExpenditure: '0.00', availableResources: '500000.00', reason: '测试调整', documentReference: '东财预〔2026〕9号' })).status).toBe(200);
    expect((await director.post(`/year-turns/${THIS_YEAR}/start`)).status).toBe(202);
    for (let i = 0; i < 300 && (await director.get(`/year-turns/${THIS_YEAR}`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    const turn = (await director.get(`/year-turns/${THIS_YEAR}`)).body.yearTurn;
    // the turn takes decisions once its task is in the director's inbox
    for (let i = 0; i < 300 && !(await director.get('/tasks')).body.items.some((t: { yearTurn?: object }) => t.yearTurn); i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 300 && !stack.smtp.received.some((m) => m.to.includes('director@county.local') && m.subject.includes('R-B11')); i++) await new Promise((r) => setTimeout(r, 100));
    const decisions = turn.items.map((i: { requestId: string }) => ({ requestId: i.requestId, action: i.requestId === lapsing ? 'lapse' : 'carry' }));
    expect((await director.post(`/year-turns/${THIS_YEAR}/decision`, { decisions })).status).toBe(200);

    const statuses = Object.fromEntries((await stack.prisma.budgetRequest.findMany({ where: { id: { in: [executed, returned, rejected, withdrawn, carried, lapsing] } } }))
      .map((r) => [r.id, `${r.fiscalYear}:${r.status}`]));
    expect(statuses).toMatchObject({ [executed]: `${THIS_YEAR}:executed`, [rejected]: `${THIS_YEAR}:rejected`, [withdrawn]: `${THIS_YEAR}:withdrawn`, [carried]: `${NEXT}:in_review`, [lapsing]: `${THIS_YEAR}:lapsed` });
    const { kept, counted } = await keptAndCounted();
    expect(kept).toEqual(counted);
    expect(kept.reservations[`${THIS_YEAR}/unit-jyj/committed`]).toBe('1:4000.00');

    // What the dashboard and the list answer from them.
    const dashboard = (await director.get(`/dashboard?fiscalYear=${THIS_YEAR}`)).body;
    expect(dashboard.requests).toMatchObject({ executed: 1, rejected: 1, withdrawn: 1 });
    const list = (await director.get(`/budget-requests?fiscalYear=${THIS_YEAR}`)).body;
    expect(list.total).toBe(list.items.length);
    expect(list.excluded).toEqual({ count: 2, amount: '1100.00' });
  });

  it('stay exact when many transactions file and move requests at once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `totals-${i}`);
    const units = ['unit-jyj', 'unit-wjw', 'unit-slj'];
    const creator = (await stack.prisma.user.findFirstOrThrow({ where: { username: 'clerk_edu' } })).id;
    await Promise.all(ids.map((id, i) => stack.prisma.budgetRequest.create({
      data: {
        id, number: `T-${id}`, unitId: units[i % 3], fiscalYear: THIS_YEAR, amount: `${i + 1}.01`, category: 'project', purpose: 'p', justification: '',
        threeGuarantees: false, generalPurpose: false, status: 'in_review', step: 'finance_review', createdById: creator, workflowId: `wf-${id}`,
        ...(i % 2 ? { reservation: { create: { fiscalYear: THIS_YEAR, amount: `${i + 1}.01`, status: 'reserved' } } } : {}),
      },
    })));
    // Requests going both ways between two statuses at once, each move in a transaction of its own; one rolled back.
    await Promise.all(ids.map((id, i) => stack.prisma.$transaction(async (tx) => {
      await tx.budgetRequest.update({ where: { id }, data: { status: i % 3 ? 'returned' : 'rejected', amount: `${i + 2}.00`, ...(i % 5 ? {} : { fiscalYear: NEXT }) } });
      await tx.budgetRequest.update({ where: { id }, data: { step: 'revision' } });
      if (i % 2) await tx.reservation.update({ where: { requestId: id }, data: { status: i % 4 === 1 ? 'released' : 'committed', ...(i % 5 ? {} : { fiscalYear: NEXT }) } });
    })));
    await Promise.all(ids.filter((_, i) => i % 3).map((id) => stack.prisma.budgetRequest.update({ where: { id }, data: { status: 'in_review' } })));
    await expect(stack.prisma.$transaction(async (tx) => {
      await tx.budgetRequest.update({ where: { id: ids[0] }, data: { status: 'executed' } });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    const { kept, counted } = await keptAndCounted();
    expect(kept).toEqual(counted);
  });
});
