/**
 * The real notice activity (R-L10, R-L7) against PostgreSQL and SMTP: who each rung reaches, the
 * interview and accountability records, once per notice however often it is retried, and nothing
 * once the loan is repaid. The workflow's timing of these notices is proven on the time-skipping server.
 */
import { startStack, Stack } from '../support/stack';
import { decideLoanTask, loanApplication } from '../support/loans';
import { createMailer } from '../../activities/mail';
import { createTransport } from '../../main/runtime';
import { createLoanActivities } from '../../activities/loan';
import { chinaDate, DEFAULT_LOAN_LADDER, ladderNotice } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const activities = () => createLoanActivities({
  prisma: stack.prisma, publicUrl: 'http://approvals.test',
  mailer: createMailer(stack.prisma, createTransport({ host: '127.0.0.1', port: stack.smtp.port, secure: false, from: 'approvals@test.local' }), 'approvals@test.local'),
});

async function disbursedLoan(amount = '3000.00') {
  const clerk = await stack.as('clerk_water');
  const created = await clerk.post('/loans', loanApplication({ amount, termMonths: 3 }));
  const id = created.body.loan.id as string;
  expect((await decideLoanTask(stack, 'reviewer', id, { action: 'approve' })).status).toBe(200);
  expect((await decideLoanTask(stack, 'meeting_secretary', id, { action: 'approve', meetingReference: '县政府第9次常务会议' })).status).toBe(200);
  const disbursed = await (await stack.as('treasury')).post(`/loans/${id}/disburse`, {});
  expect(disbursed.status).toBe(200);
  return { id, dueDate: disbursed.body.loan.dueDate as string };
}

const mailsTo = (loanNumberOrId: string) => stack.smtp.received.filter((m) => m.text.includes(loanNumberOrId));

describe('R-L10 reminder and escalation notices, as the worker sends them', () => {
  it('R-L10: each rung reaches the people it names; the responsible officer (R-L7) hears of every one', async () => {
    const { id, dueDate } = await disbursedLoan();
    const acts = activities();
    const who: Record<number, string[]> = {};
    for (const seq of [0, 2, 3, 4, 5]) {
      const r = await acts.sendLoanNotice({ loanId: id, notice: ladderNotice(dueDate, DEFAULT_LOAN_LADDER, seq) });
      expect(r.sent).toBe(true);
      who[seq] = [...r.recipients].sort();
    }
    expect(who[0]).toEqual(['user-clerk-water', 'user-treasury']);
    expect(who[2]).toEqual(['user-clerk-water', 'user-reviewer', 'user-treasury']);
    expect(who[3]).toEqual(['user-clerk-water', 'user-director', 'user-treasury']);
    // the water bureau's own leader in charge, not every one
    expect(who[4]).toEqual(['user-clerk-water', 'user-director', 'user-treasury', 'user-vice-infra']);
    expect(who[5]).toEqual(['user-clerk-water', 'user-director', 'user-mayor', 'user-secretary', 'user-treasury', 'user-vice-infra']);

    const detail = (await (await stack.as('auditor')).get(`/loans/${id}`)).body;
    expect(detail.notices.map((n: { seq: number; kind: string }) => `${n.seq}:${n.kind}`)).toEqual(['0:reminder', '2:overdue', '3:escalation', '4:escalation', '5:escalation']);
    expect(detail.notices.find((n: { seq: number }) => n.seq === 4)).toMatchObject({ interview: true, daysFromDue: 30 });
    const audit = detail.audit.map((e: { type: string }) => e.type);
    expect(audit.filter((t: string) => t === 'loan_notice_sent')).toHaveLength(5);
    expect(audit.filter((t: string) => t === 'loan_interview_flagged')).toHaveLength(1);
    expect(audit.filter((t: string) => t === 'loan_accountability_recorded')).toHaveLength(1);

    const toMayor = stack.smtp.received.filter((m) => m.to.includes('county_mayor@county.local') && m.text.includes(detail.loan.number));
    expect(toMayor).toHaveLength(1);
    expect(toMayor[0].subject).toContain('逾期督办');
    expect(toMayor[0].text).toContain('已逾期 90 天');
    expect(toMayor[0].text).toContain('【问责】');
  });

  it('R-L10: a retried notice writes one record and sends each e-mail once', async () => {
    const { id, dueDate } = await disbursedLoan('10.00');
    const number = (await stack.prisma.loan.findUniqueOrThrow({ where: { id } })).number;
    const acts = activities();
    const notice = ladderNotice(dueDate, DEFAULT_LOAN_LADDER, 1);
    await acts.sendLoanNotice({ loanId: id, notice });
    await acts.sendLoanNotice({ loanId: id, notice });
    expect(await stack.prisma.loanNotice.count({ where: { loanId: id } })).toBe(1);
    expect(mailsTo(number).filter((m) => m.subject.includes('到期提醒'))).toHaveLength(2); // clerk and officer, once each
  });

  it('R-L10: sends nothing for a loan already repaid in full', async () => {
    const { id, dueDate } = await disbursedLoan('10.00');
    const repaid = await (await stack.as('treasury')).post(`/loans/${id}/repayments`, { paymentId: 'ALL', amount: '10.00', paidOn: chinaDate(Date.now()) });
    expect(repaid.body.outcome.closed).toBe(true);
    const r = await activities().sendLoanNotice({ loanId: id, notice: ladderNotice(dueDate, DEFAULT_LOAN_LADDER, 2) });
    expect(r).toEqual({ sent: false, recipients: [] });
    expect(await stack.prisma.loanNotice.count({ where: { loanId: id } })).toBe(0);
  });
});

describe('loan models and API documentation', () => {
  it('keeps the books consistent in the database: no negative position, never more owed than lent', async () => {
    const { id } = await disbursedLoan('5.00');
    await expect(stack.prisma.loan.update({ where: { id }, data: { outstanding: '5.01' } })).rejects.toThrow();
    await expect(stack.prisma.advancesPosition.update({ where: { id: 'county' }, data: { reserved: '-0.01' } })).rejects.toThrow();
    const [{ seq }] = await stack.prisma.$queryRaw<{ seq: bigint }[]>`SELECT nextval('loan_number_seq') AS seq`;
    expect(seq).toBeGreaterThan(1n);
    expect(await stack.prisma.disbursementControl.findUnique({ where: { id: 'county' } })).toMatchObject({ suspended: false });
  });

  it('documents the loan endpoints in OpenAPI from the same zod schemas', async () => {
    const doc = (await fetch(`${stack.baseUrl}/openapi.json`).then((r) => r.json())) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties: Record<string, unknown> } }> } }>> };
    const apply = doc.paths['/loans'].post.requestBody!.content['application/json'].schema;
    expect(apply.required).toEqual(expect.arrayContaining(['amount', 'purpose', 'purposeDetails', 'fundsNewSpending']));
    expect(Object.keys(apply.properties)).toEqual(expect.arrayContaining(['repaymentSource', 'termMonths', 'requestedDueDate', 'instalmentPlan', 'noOnLendingDeclared']));
    for (const p of ['/loans/{id}', '/loans/{id}/disburse', '/loans/{id}/repayments', '/advances/{fiscalYear}', '/disbursement-suspension']) expect(doc.paths[p]).toBeDefined();
  });
});
