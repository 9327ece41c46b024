import { startStack, Stack, UserClient } from '../support/stack';
import { decideLoanTask, executiveApproval, FLOOD_ADVANCE, loanApplication, setLoanDueDate } from '../support/loans';
import { addDays, addMonths, chinaDate, RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

/** The flood advance of 500,000.00 that the chain walks. */
const application = (over: Record<string, unknown> = {}) => loanApplication({ ...FLOOD_ADVANCE, amount: '500000.00', ...over });
const MEETING = executiveApproval('县政府2026年第15次常务会议');

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached');
}

async function approvedLoan(clerk: UserClient, over: Record<string, unknown> = {}) {
  const loan = (await clerk.post('/loans', application(over))).body.loan;
  expect((await decideLoanTask(stack, 'reviewer', loan.id, { action: 'approve' })).status).toBe(200);
  expect((await decideLoanTask(stack, 'meeting_secretary', loan.id, MEETING)).status).toBe(200);
  return loan.id as string;
}

describe('the loan chain: finance review → executive meeting → disbursement → repayments → closed', () => {
  it('walks the whole chain, reserving and then lending against the 5% cap, and closes on the last repayment', async () => {
    const clerk = await stack.as('clerk_edu');
    const created = await clerk.post('/loans', application(), { 'Idempotency-Key': 'flood-advance' });
    expect(created.status).toBe(201);
    const id = created.body.loan.id;
    expect(created.body.loan).toMatchObject({ status: 'in_review', step: 'finance_review', outstanding: '0.00', purposeLabel: { zh: '突发事件临时急需垫款' } });

    // the reviewer's inbox shows the loan task with the loan's own steps and actions
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(id, 'finance_review');
    const inbox = (await reviewer.get('/tasks')).body.items.find((t: { id: string }) => t.id === task.id);
    expect(inbox).toMatchObject({ subjectType: 'loan', actions: ['approve', 'reject', 'return'], loan: { id, number: created.body.loan.number } });
    expect((await reviewer.get(`/tasks/${task.id}`)).body).toMatchObject({ task: { stepLabel: { zh: '财政局审核（暂付款规模 R-L8）' } }, loan: { id } });
    const approved = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '符合临时急需垫款条件' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ outcome: { position: 'executive_meeting' }, task: { status: 'done' }, loan: { step: 'executive_meeting', advancesHold: 'reserved' } });
    const director = await stack.as('director');
    expect((await director.get('/advances/2026')).body.position).toMatchObject({ reserved: '500000.00', outstanding: '0.00', cap: '200000000.00' });

    // R-L6: the executive meeting approves only with its reference, and only as the executive meeting
    const noRef = await decideLoanTask(stack, 'meeting_secretary', id, { action: 'approve', meetingKind: 'executive' });
    expect(noRef.status).toBe(422);
    expect(noRef.body.error).toMatchObject({ code: 'missing_field', field: 'meetingReference' });
    expect(noRef.body.error.message).toContain(RULES['R-L6'].zh);
    const office = await decideLoanTask(stack, 'meeting_secretary', id, { ...MEETING, meetingKind: 'office' });
    expect(office.status).toBe(422);
    expect((await decideLoanTask(stack, 'meeting_secretary', id, MEETING)).body.loan).toMatchObject({ status: 'approved', step: 'disbursement' });

    // the treasury's disbursement task cannot be "decided": the money goes out through /disburse
    const treasury = await stack.as('treasury');
    const disbursementTask = await treasury.taskFor(id, 'disbursement');
    expect((await treasury.post(`/tasks/${disbursementTask.id}/decision`, { action: 'approve' })).status).toBe(422);
    expect((await clerk.post(`/loans/${id}/disburse`, {})).status).toBe(403);
    // R-L4: a chosen due date more than a year out is refused
    const far = await treasury.post(`/loans/${id}/disburse`, { dueDate: addDays(chinaDate(Date.now()), 400) });
    expect(far.status).toBe(422);
    expect(far.body.error.violations[0]).toMatchObject({ ruleId: 'R-L4', field: 'dueDate' });
    // R-L7: the responsible officer must be a lending (treasury) officer
    const wrongOfficer = await treasury.post(`/loans/${id}/disburse`, { responsibleOfficerId: 'user-reviewer' });
    expect(wrongOfficer.status).toBe(422);
    expect(wrongOfficer.body.error.code).toBe('invalid_officer');

    const disbursed = await treasury.post(`/loans/${id}/disburse`, { reference: '国库支付凭证 2026-0815' });
    expect(disbursed.status).toBe(200);
    const due = addMonths(chinaDate(Date.now()), 6);
    expect(disbursed.body.outcome).toMatchObject({ status: 'disbursed', dueDate: due });
    expect(disbursed.body.loan).toMatchObject({ status: 'disbursed', step: 'repayment', outstanding: '500000.00', dueDate: due, responsibleOfficerId: 'user-treasury', overdue: false });
    expect((await director.get('/advances/2026')).body.position).toMatchObject({ reserved: '0.00', outstanding: '500000.00', ratioPercent: '0.01' });

    // repayments: over-repayment refused, partial ones tracked exactly, a retried one recorded once
    const over = await treasury.post(`/loans/${id}/repayments`, { paymentId: 'YH-001', amount: '500000.01', paidOn: chinaDate(Date.now()) });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'over_repayment', field: 'amount' });
    const first = await treasury.post(`/loans/${id}/repayments`, { paymentId: 'YH-001', amount: '123456.78', paidOn: chinaDate(Date.now()), reference: '银行回单' });
    expect(first.status).toBe(201);
    expect(first.body.outcome).toEqual({ outstanding: '376543.22', closed: false, replayed: false });
    const retried = await treasury.post(`/loans/${id}/repayments`, { paymentId: 'YH-001', amount: '123456.78', paidOn: chinaDate(Date.now()) });
    expect(retried.status).toBe(200);
    expect(retried.body.outcome).toMatchObject({ outstanding: '376543.22', replayed: true });
    const reused = await treasury.post(`/loans/${id}/repayments`, { paymentId: 'YH-001', amount: '1.00', paidOn: chinaDate(Date.now()) });
    expect(reused.status).toBe(409);
    expect((await director.get('/advances/2026')).body.position.outstanding).toBe('376543.22');

    const last = await treasury.post(`/loans/${id}/repayments`, { paymentId: 'YH-002', amount: '376543.22', paidOn: chinaDate(Date.now()) });
    expect(last.status).toBe(201);
    expect(last.body.outcome).toEqual({ outstanding: '0.00', closed: true, replayed: false });
    expect(last.body.loan).toMatchObject({ status: 'closed', outstanding: '0.00' });
    expect((await director.get('/advances/2026')).body.position).toMatchObject({ outstanding: '0.00', reserved: '0.00' });
    // a retry after the loan closed (its workflow has ended) still gets the recorded answer
    const late = await treasury.post(`/loans/${id}/repayments`, { paymentId: 'YH-002', amount: '376543.22', paidOn: chinaDate(Date.now()) });
    expect(late.status).toBe(200);
    expect(late.body.outcome.replayed).toBe(true);
    const again = await treasury.post(`/loans/${id}/repayments`, { paymentId: 'YH-003', amount: '1.00', paidOn: chinaDate(Date.now()) });
    expect(again.status).toBe(409);

    const detail = (await clerk.get(`/loans/${id}`)).body;
    expect(detail.decisions.map((d: { step: string; action: string }) => `${d.step}:${d.action}`)).toEqual(['finance_review:approve', 'executive_meeting:approve', 'disbursement:disburse']);
    expect(detail.decisions[1]).toMatchObject({ meetingKind: 'executive', meetingReference: '县政府2026年第15次常务会议' });
    expect(detail.repayments.map((r: { amount: string }) => r.amount)).toEqual(['123456.78', '376543.22']);
    expect(detail.ladder.version).toBeDefined();
    const audit = detail.audit.map((e: { type: string }) => e.type);
    for (const t of ['loan_applied', 'advances_reserved', 'decision_recorded', 'loan_disbursed', 'repayment_recorded', 'loan_closed']) expect(audit).toContain(t);

    // e-mails: the disbursement notice and the repayment receipts reached the borrower's clerk (mail follows
    // what it reports, and the notice carries the 审批单 PDF, so any of them may still be on its way)
    const subjectsToClerk = () => stack.smtp.received.filter((m) => m.to.includes('clerk_edu@county.local')).map((m) => m.subject);
    const arrived = (s: string[]) => s.some((x) => x.includes('已放款')) && s.filter((x) => x.includes('收到还款')).length >= 2;
    for (let i = 0; i < 300 && !arrived(subjectsToClerk()); i++) await new Promise((r) => setTimeout(r, 100));
    const toClerk = subjectsToClerk();
    expect(toClerk.some((s) => s.includes('已放款'))).toBe(true);
    expect(toClerk.some((s) => s.includes('还款期'))).toBe(false);
    expect(toClerk.filter((s) => s.includes('收到还款'))).toHaveLength(2);
  });

  it('a rejection at the executive meeting gives the reserved amount back', async () => {
    const clerk = await stack.as('clerk_health');
    const id = (await clerk.post('/loans', application({ amount: '700000.00' }))).body.loan.id;
    expect((await decideLoanTask(stack, 'reviewer', id, { action: 'approve' })).status).toBe(200);
    const director = await stack.as('director');
    expect((await director.get('/advances')).body.position.reserved).toBe('700000.00');
    const rejected = await decideLoanTask(stack, 'meeting_secretary', id, { action: 'reject', comment: '暂缓安排', meetingReference: '县政府2027年第2次常务会议' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.loan).toMatchObject({ status: 'rejected', advancesHold: 'released' });
    expect((await director.get('/advances')).body.position.reserved).toBe('0.00');
  });

  it('R-M3: while the director has suspended disbursements a disbursement waits, and goes out when they resume', async () => {
    const clerk = await stack.as('clerk_water');
    const id = await approvedLoan(clerk, { amount: '80000.00' });
    const director = await stack.as('director');
    const suspended = await director.post('/disbursement-suspension', { reason: '库款保障水平偏低，暂停支付' });
    expect(suspended.body.control).toMatchObject({ suspended: true });
    const treasury = await stack.as('treasury');
    const queued = await treasury.post(`/loans/${id}/disburse`, {});
    expect(queued.status).toBe(202);
    expect(queued.body.outcome).toEqual({ status: 'queued', position: 'disbursement' });
    expect(queued.body.loan.status).toBe('approved');

    const res = await fetch(`${stack.baseUrl}/disbursement-suspension`, { method: 'DELETE', headers: { authorization: `Bearer ${await tokenOf('director')}` } });
    expect(res.status).toBe(200);
    const loan = await until(() => clerk.get(`/loans/${id}`), (r) => r.body.loan.status === 'disbursed');
    expect(loan.body.loan).toMatchObject({ outstanding: '80000.00', responsibleOfficerId: 'user-treasury' });
    const audit = loan.body.audit.map((e: { type: string }) => e.type);
    expect(audit).toEqual(expect.arrayContaining(['disbursement_queued', 'loan_disbursed']));
  });

  it('R-L10: lists overdue loans and ages them in 0–30, 31–90 and 90+ days', async () => {
    const clerk = await stack.as('clerk_edu');
    const treasury = await stack.as('treasury');
    const ids: string[] = [];
    for (const amount of ['1000.00', '2000.00', '3000.00']) {
      const id = await approvedLoan(clerk, { amount });
      expect((await treasury.post(`/loans/${id}/disburse`, {})).status).toBe(200);
      ids.push(id);
    }
    // As if time had passed: due dates 5, 45 and 120 days ago (the workflow's own timers are proven on the time-skipping server).
    const today = chinaDate(Date.now());
    for (const [i, days] of [5, 45, 120].entries()) {
      await setLoanDueDate(stack, ids[i], addDays(today, -days));
    }
    const overdue = (await treasury.get('/loans?overdue=true')).body;
    expect(overdue.items.map((l: { id: string }) => l.id).sort()).toEqual([...ids].sort());
    expect(overdue.items.map((l: { daysOverdue: number }) => l.daysOverdue)).toEqual([120, 45, 5]);
    expect(overdue.items[0].flags[0]).toMatchObject({ ruleId: 'R-L10' });
    const position = (await (await stack.as('auditor')).get('/advances')).body.position;
    expect(position.overdue).toEqual({
      count: 3, outstanding: '6000.00',
      ageing: { '0-30': { count: 1, outstanding: '1000.00' }, '31-90': { count: 1, outstanding: '2000.00' }, '90+': { count: 1, outstanding: '3000.00' } },
    });
    expect((await clerk.get('/loans?overdue=false')).body.items.some((l: { id: string }) => ids.includes(l.id))).toBe(false);
    expect((await (await stack.as('clerk_edu')).get('/advances')).status).toBe(403);
  });
});

async function tokenOf(username: string): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
  return ((await res.json()) as { token: string }).token;
}
