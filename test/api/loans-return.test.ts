/**
 * Loans through the approval engine, like budgets: returned for revision with a reason, resubmitted
 * into the same loan (a new round, the R-L8 hold taken afresh), withdrawn after a return or before
 * anyone decided anything; the return decided from its e-mail link too. Everything real.
 */
import { startStack, Stack } from '../support/stack';
import { decideLoanTask, executiveApproval, FLOOD_ADVANCE, loanApplication } from '../support/loans';
import { confirm, linksOf, mailFor } from '../support/email-links';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const application = (over: Record<string, unknown> = {}) => loanApplication({ ...FLOOD_ADVANCE, amount: '300000.00', ...over });
const MEETING = executiveApproval('县政府2026年第21次常务会议');

async function apply(over: Record<string, unknown> = {}) {
  const res = await (await stack.as('clerk_edu')).post('/loans', application(over));
  expect(res.status).toBe(201);
  return res.body.loan as { id: string; number: string };
}
const loanOf = (id: string) => stack.prisma.loan.findUniqueOrThrow({ where: { id } });

describe('loans returned for revision, resubmitted into the same loan, withdrawn', () => {
  it('the finance review returns a loan with its reason; the clerk resubmits a smaller amount into the same loan, round 2', async () => {
    const loan = await apply();
    const noReason = await decideLoanTask(stack, 'reviewer', loan.id, { action: 'return' });
    expect(noReason.status).toBe(422);
    // a chain refusal cites the loan chain's rule and its wording, like the money rules
    expect(noReason.body.error).toMatchObject({ code: 'missing_field', field: 'comment', violations: [{ ruleId: 'R-L6', zh: RULES['R-L6'].zh, field: 'comment' }] });

    const returned = await decideLoanTask(stack, 'reviewer', loan.id, { action: 'return', comment: '请压减金额并补充还款来源' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ outcome: { position: 'revision', round: 1 }, task: { status: 'done' }, loan: { status: 'returned', step: 'revision' } });

    // the clerk's inbox shows the returned loan with what can be done with it
    const clerk = await stack.as('clerk_edu');
    const task = await clerk.taskFor(loan.id, 'revision');
    expect(task).toMatchObject({ round: 1, actions: ['resubmit', 'withdraw'], loan: { id: loan.id } });
    // it is resubmitted, not decided
    expect((await clerk.post(`/tasks/${task.id}/decision`, { action: 'approve' })).body.error.code).toBe('action_not_allowed');

    // only the unit's own clerk resubmits; the revised application meets the same rules as at filing
    expect((await (await stack.as('clerk_health')).post(`/loans/${loan.id}/resubmit`, application())).status).toBe(403);
    expect((await (await stack.as('reviewer')).post(`/loans/${loan.id}/resubmit`, application())).body.error.code).toBe('wrong_role');
    const onLending = await clerk.post(`/loans/${loan.id}/resubmit`, application({ noOnLendingDeclared: false }));
    expect(onLending.status).toBe(422);
    expect(onLending.body.error.violations.map((v: { ruleId: string }) => v.ruleId)).toContain('R-L2');
    expect((await clerk.post(`/loans/${loan.id}/resubmit`, { ...application(), round: 2 })).body.error.code).toBe('stale_task');

    const resubmitted = await clerk.post(`/loans/${loan.id}/resubmit`, { ...application({ amount: '200000.00', repaymentSource: '省级救灾资金及本级预备费归还' }), round: 1 });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.loan).toMatchObject({ id: loan.id, number: loan.number, status: 'in_review', step: 'finance_review', amount: '200000.00' });

    // round 2 is decided like round 1; the R-L8 hold is the new amount
    const review2 = await (await stack.as('reviewer')).taskFor(loan.id, 'finance_review');
    expect(review2.round).toBe(2);
    const approved = await decideLoanTask(stack, 'reviewer', loan.id, { action: 'approve' }, 'finance_review');
    expect(approved.body).toMatchObject({ outcome: { position: 'executive_meeting', round: 2 }, loan: { advancesHold: 'reserved' } });
    expect((await loanOf(loan.id)).capHold).toBe('reserved');

    const decisions = await stack.prisma.decision.findMany({ where: { subjectId: loan.id }, orderBy: { decidedAt: 'asc' } });
    expect(decisions.map((d) => [d.round, d.step, d.action])).toEqual([[1, 'finance_review', 'return'], [1, 'revision', 'resubmit'], [2, 'finance_review', 'approve']]);
    const audit = await stack.prisma.auditEvent.findMany({ where: { subjectId: loan.id, type: 'loan_resubmitted' } });
    expect(audit.map((e) => e.data)).toEqual([expect.objectContaining({ round: 2, amount: '200000.00' })]);
  });

  it('the executive meeting returns an approved-for-review loan: the R-L8 hold is released; the clerk then withdraws it and is told', async () => {
    const loan = await apply({ amount: '150000.00' });
    expect((await decideLoanTask(stack, 'reviewer', loan.id, { action: 'approve' })).status).toBe(200);
    expect((await loanOf(loan.id)).capHold).toBe('reserved');
    const back = await decideLoanTask(stack, 'meeting_secretary', loan.id, { ...MEETING, action: 'return', comment: '请补充灾损评估报告' });
    expect(back.status).toBe(200);
    expect((await loanOf(loan.id)).capHold).toBe('released');

    const clerk = await stack.as('clerk_edu');
    await clerk.taskFor(loan.id, 'revision');
    const withdrawn = await clerk.post(`/loans/${loan.id}/withdraw`, { comment: '灾后已由省级资金直接拨付，不再借款' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.loan).toMatchObject({ status: 'withdrawn', step: 'withdrawn' });
    expect((await clerk.post(`/loans/${loan.id}/withdraw`, {})).status).toBe(409);
    // the clerk who filed it is told, in a mail of its own
    const told = () => stack.smtp.received.filter((m) => m.subject.includes(loan.number) && m.subject.includes('已撤回'));
    for (let i = 0; i < 300 && !told().length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(told().map((m) => m.to)).toEqual([['clerk_edu@county.local']]);
  });

  it('the borrower may withdraw before anyone has decided anything, not after', async () => {
    const early = await apply({ amount: '10000.00' });
    const clerk = await stack.as('clerk_edu');
    await (await stack.as('reviewer')).taskFor(early.id, 'finance_review');
    const withdrawn = await clerk.post(`/loans/${early.id}/withdraw`, {});
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.loan).toMatchObject({ status: 'withdrawn', step: 'withdrawn' });
    const tasks = await stack.prisma.task.findMany({ where: { subjectId: early.id, step: 'finance_review' } });
    expect(tasks.every((t) => t.status === 'closed')).toBe(true);

    const decided = await apply({ amount: '10000.00' });
    expect((await decideLoanTask(stack, 'reviewer', decided.id, { action: 'approve' })).status).toBe(200);
    const late = await clerk.post(`/loans/${decided.id}/withdraw`, {});
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'stale_task', violations: [{ ruleId: 'R-L6' }] });
    expect((await loanOf(decided.id)).step).toBe('executive_meeting');
  });

  it('the return is in the task e-mail as a link like approve and reject, and decides through the same command', async () => {
    const loan = await apply({ amount: '20000.00' });
    const links = linksOf(stack, await mailFor(stack, 'reviewer', loan.number, '财政局审核'));
    expect(Object.keys(links).sort()).toEqual(['approve', 'reject', 'return']);
    const page = await confirm(links.return, {});
    expect(page.status).toBe(422);
    expect(page.html).toContain('R-L6');
    const done = await confirm(links.return, { comment: '用途说明不充分' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('退回修改');
    expect((await loanOf(loan.id)).step).toBe('revision');
  });
});
