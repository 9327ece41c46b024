import { startStack, Stack } from '../support/stack';
import { loanApplication } from '../support/loans';
import { addYuan, chinaDate, compareYuan, normalizeYuan, RULES } from '../../domain';
import { THIS_YEAR } from '../support/years';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

// Loans belong to the China year they are filed and disbursed in; the cap is the current year's.
const YEAR = THIS_YEAR;
const CAP = '100000.00'; // 5% of 1,500,000.00 + 500,000.00

/** Samples the year's position while a race runs; every sample must be within the cap. */
function watchPosition() {
  const samples: { outstanding: string; reserved: string }[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const p = await stack.prisma.advancesPosition.findUnique({ where: { id: 'county' } });
      if (p) samples.push({ outstanding: normalizeYuan(p.outstanding), reserved: normalizeYuan(p.reserved) });
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return { samples, async stop() { on = false; await loop; return samples; } };
}

async function openLoans(n: number, amount: string) {
  const clerks = await Promise.all(['clerk_edu', 'clerk_health', 'clerk_water'].map((u) => stack.as(u)));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await clerks[i % 3].post('/loans', loanApplication({ amount, termMonths: 3 }));
    expect(res.status).toBe(201);
    ids.push(res.body.loan.id);
  }
  return ids;
}

describe('R-L8 暂付性款项不超过5%: concurrent approvals and disbursements never push advances over the cap', () => {
  it('R-L8: of 12 loans approved at once only those that fit are reserved; disbursing them all at once while the cap is lowered lends only what fits', async () => {
    const director = await stack.as('director');
    expect((await director.put(`/fiscal-years/${YEAR}`, { generalBudgetExpenditure: '1500000.00', fundBudgetExpenditure: '500000.00', availableResources: '0.00', reason: '测试调整', documentReference: '东财预〔2026〕9号' })).status).toBe(200);
    const ids = await openLoans(12, '20000.00');
    const reviewer = await stack.as('reviewer');
    const reviewTasks = await Promise.all(ids.map((id) => reviewer.taskFor(id, 'finance_review')));

    const watch = watchPosition();
    const approvals = await Promise.all(reviewTasks.map((t) => reviewer.post(`/tasks/${t.id}/decision`, { action: 'approve' })));
    const accepted = ids.filter((_, i) => approvals[i].status === 200);
    const refused = approvals.filter((r) => r.status === 422);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.body.error.violations[0]).toMatchObject({ ruleId: 'R-L8', zh: RULES['R-L8'].zh, field: 'amount' });
    expect((await director.get(`/advances/${YEAR}`)).body.position).toMatchObject({ cap: CAP, reserved: '100000.00', outstanding: '0.00', headroom: '0.00' });

    const meeting = await stack.as('meeting_secretary');
    for (const id of accepted) {
      const t = await meeting.taskFor(id, 'executive_meeting');
      expect((await meeting.post(`/tasks/${t.id}/decision`, { action: 'approve', meetingReference: '县政府第20次常务会议' })).status).toBe(200);
    }

    // Expenditure is revised down: the cap falls to 80,000.00, below what the five approvals hold.
    expect((await director.put(`/fiscal-years/${YEAR}`, { generalBudgetExpenditure: '1200000.00', fundBudgetExpenditure: '400000.00', availableResources: '0.00', reason: '预算调整', documentReference: '东财预〔2026〕1号' })).status).toBe(200);
    const treasury = await stack.as('treasury');
    // All five disbursements and the seven refused loans' second approvals race each other.
    const [disbursements, reapprovals] = await Promise.all([
      Promise.all(accepted.map((id) => treasury.post(`/loans/${id}/disburse`, {}))),
      Promise.all(reviewTasks.filter((_, i) => approvals[i].status === 422).map((t) => reviewer.post(`/tasks/${t.id}/decision`, { action: 'approve' }))),
    ]);
    const samples = await watch.stop();

    expect(disbursements.filter((r) => r.status === 200)).toHaveLength(4);
    const late = disbursements.filter((r) => r.status !== 200);
    expect(late).toHaveLength(1);
    expect(late[0].status).toBe(422);
    expect(late[0].body.error.violations[0]).toMatchObject({ ruleId: 'R-L8' });
    expect(reapprovals.every((r) => r.status === 422)).toBe(true);

    const position = (await director.get(`/advances/${YEAR}`)).body.position;
    expect(position).toMatchObject({ cap: '80000.00', outstanding: '80000.00', reserved: '20000.00', headroom: '0.00' });
    // Not one sample during the race had more lent than the cap allowed at that moment (100,000.00 then 80,000.00).
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) {
      expect(compareYuan(addYuan(s.outstanding, s.reserved), '100000.00')).toBeLessThanOrEqual(0);
      expect(compareYuan(s.outstanding, '80000.00')).toBeLessThanOrEqual(0);
    }
    // The position is exactly the sum of the loans' own balances.
    const lent = await stack.prisma.loan.findMany({ where: { fiscalYear: YEAR, status: 'disbursed' } });
    expect(addYuan('0.00', ...lent.map((l) => normalizeYuan(l.outstanding)))).toBe('80000.00');
    expect(lent).toHaveLength(4);
    // ...and exactly the sum of the county's advances ledger.
    const ledger = await stack.prisma.advance.findMany({ where: { status: 'open' } });
    expect(addYuan('0.00', ...ledger.map((a) => normalizeYuan(a.outstanding)))).toBe('80000.00');

    // A repayment of 20,000.00 leaves 60,000.00 out, but the refused disbursement still holds 20,000.00:
    // the headroom stays 0, so none of the seven waiting loans can be approved yet.
    const repaid = await treasury.post(`/loans/${lent[0].id}/repayments`, { paymentId: 'RACE-1', amount: '20000.00', paidOn: chinaDate(Date.now()) });
    expect(repaid.status).toBe(201);
    const waiting = reviewTasks.filter((_, i) => approvals[i].status === 422);
    const third = await Promise.all(waiting.map((t) => reviewer.post(`/tasks/${t.id}/decision`, { action: 'approve' })));
    expect(third.every((r) => r.status === 422)).toBe(true);
    // The refused disbursement is still approved and can go out now that 20,000.00 came back.
    const stuck = accepted.find((_, i) => disbursements[i].status !== 200)!;
    expect((await treasury.post(`/loans/${stuck}/disburse`, {})).status).toBe(200);
    expect((await director.get(`/advances/${YEAR}`)).body.position).toMatchObject({ outstanding: '80000.00', reserved: '0.00', headroom: '0.00' });
  });
});
