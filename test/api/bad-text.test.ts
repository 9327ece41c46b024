import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { startStack, Stack, UserClient } from '../support/stack';
import { executiveApproval, loanApplication } from '../support/loans';
import { linksOf, mailFor } from '../support/email-links';
import { budgetWorkflowId, decideUpdate } from '../../workflows/budget-messages';
import { chinaDate } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

/** What PostgreSQL cannot store (NUL, a lone UTF-16 surrogate) and what no field allows (too long). */
const BAD = { nul: 'ab\u0000cd', 'lone surrogate': 'ab\ud800cd', 'over-long': 'x'.repeat(5000) } as const;

const budget = (over: Record<string, unknown> = {}) => ({
  amount: '52000.00', category: 'three_guarantees_operations', purpose: '乡镇学校冬季取暖运转经费', justification: '', ...over,
});

/** Every bad value in `field` of the body `at` makes, each answered 400 naming the field; nothing is written. */
async function expectRefused(user: UserClient, path: string, at: (bad: string) => Record<string, unknown>, field: string) {
  for (const [what, bad] of Object.entries(BAD)) {
    const res = await user.post(path, at(bad));
    expect({ field, what, status: res.status }).toEqual({ field, what, status: 400 });
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  }
}

describe('bad text in any field is a 400 naming it, never an activity retried for ever', () => {
  it('refuses NUL, lone surrogates and over-long text in every text field of every form, and everything stays decidable', async () => {
    const clerk = await stack.as('clerk_edu');
    const reviewer = await stack.as('reviewer');
    const director = await stack.as('director');
    const treasury = await stack.as('treasury');
    const before = await stack.prisma.budgetRequest.count();

    for (const field of ['purpose', 'justification']) await expectRefused(clerk, '/budget-requests', (bad) => budget({ [field]: bad }), field);
    expect(await stack.prisma.budgetRequest.count()).toBe(before);

    const filed = await clerk.post('/budget-requests', budget());
    expect(filed.status).toBe(201);
    const r = filed.body.request as { id: string; number: string };
    const task = await reviewer.taskFor(r.id, 'finance_review');
    for (const field of ['comment', 'meetingReference', 'resolutionReference']) {
      await expectRefused(reviewer, `/tasks/${task.id}/decision`, (bad) => ({ action: 'return', meetingKind: 'executive', [field]: bad }), field);
    }
    for (const field of ['purpose', 'justification']) await expectRefused(clerk, `/budget-requests/${r.id}/resubmit`, (bad) => budget({ [field]: bad }), field);
    await expectRefused(clerk, `/budget-requests/${r.id}/withdraw`, (bad) => ({ comment: bad }), 'comment');
    await expectRefused(director, '/disbursement-suspension', (bad) => ({ reason: bad }), 'reason');
    const list = await clerk.get(`/budget-requests?unitId=${encodeURIComponent(BAD.nul)}`);
    expect(list.status).toBe(400);
    expect(list.body.error.fields[0].field).toBe('unitId');

    // The e-mail link's form: the same 400, on the page, naming the field; the link stays usable.
    const { return: returnLink } = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));
    const form = await fetch(returnLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ comment: BAD.nul }).toString() });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('comment');

    // Loans: the application, the disbursement, repayments and findings.
    for (const field of ['purpose', 'purposeDetails', 'repaymentSource']) await expectRefused(clerk, '/loans', (bad) => loanApplication({ [field]: bad }), field);
    const loanRes = await clerk.post('/loans', loanApplication());
    expect(loanRes.status).toBe(201);
    const loanId = loanRes.body.loan.id as string;
    for (const field of ['reference', 'responsibleOfficerId']) await expectRefused(treasury, `/loans/${loanId}/disburse`, (bad) => ({ [field]: bad }), field);

    // Still decidable after all that: the request moves on, the loan is approved, disbursed, repaid.
    const decided = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意' });
    expect(decided.status).toBe(200);
    expect(decided.body.request.step).toBe('leader_briefing');
    const review = await reviewer.taskFor(loanId, 'finance_review');
    expect((await reviewer.post(`/tasks/${review.id}/decision`, { action: 'approve' })).status).toBe(200);
    const secretary = await stack.as('meeting_secretary');
    const meeting = await secretary.taskFor(loanId, 'executive_meeting');
    expect((await secretary.post(`/tasks/${meeting.id}/decision`, executiveApproval('县政府常务会议纪要〔2026〕9号'))).status).toBe(200);
    await treasury.taskFor(loanId, 'disbursement');
    expect((await treasury.post(`/loans/${loanId}/disburse`, { reference: '拨款凭证 001' })).status).toBe(200);
    const today = chinaDate(Date.now()); // the county's date, as the API judges it
    for (const field of ['paymentId', 'reference']) {
      await expectRefused(treasury, `/loans/${loanId}/repayments`, (bad) => ({ paymentId: 'P-1', amount: '10.00', paidOn: today, [field]: bad }), field);
    }
    for (const field of ['description', 'enterprise']) {
      await expectRefused(director, `/loans/${loanId}/findings`, (bad) => ({ description: '发现转借给城投公司', enterprise: '城投公司', amount: '10.00', foundOn: today, [field]: bad }), field);
    }
    expect((await treasury.post(`/loans/${loanId}/repayments`, { paymentId: 'P-1', amount: '10.00', paidOn: today })).status).toBe(201);
  });

  it('a decision whose text the database refuses fails at once with a 4xx-able reason, and the request stays decidable', async () => {
    const clerk = await stack.as('clerk_health');
    const reviewer = await stack.as('reviewer');
    const r = (await clerk.post('/budget-requests', budget())).body.request as { id: string };
    const task = await reviewer.taskFor(r.id, 'finance_review');
    const me = await stack.prisma.user.findUniqueOrThrow({ where: { id: reviewer.userId } });
    // Past the API's schema (as an older client or another caller might be): straight to the workflow.
    const handle = stack.temporal.workflow.getHandle(budgetWorkflowId(r.id));
    const sent = handle.executeUpdate(decideUpdate, {
      args: [{ actor: { userId: me.id, roles: me.roles as never, unitId: me.unitId }, decision: { action: 'approve', comment: 'a\u0000b' }, expected: { step: 'finance_review', round: 1 } }],
    });
    const err = await sent.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('DataRejected');
    expect(await stack.prisma.decision.count({ where: { subjectId: r.id } })).toBe(0);

    // The lock was released: the next decision is taken at once.
    const ok = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意' });
    expect(ok.status).toBe(200);
    expect(ok.body.request.step).toBe('leader_briefing');
  });
});
