/** Auditors (审计) see everything and change nothing: every write the API has answers them 403. */
import { startStack, Stack } from '../support/stack';
import { loanApplication } from '../support/loans';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

describe('an auditor', () => {
  it('reads requests, loans, the dashboard and the advances position, and is refused every write with 403', async () => {
    const request = (await (await stack.as('clerk_edu')).post('/budget-requests', { amount: '1000.00', category: 'project', purpose: '校舍维修', justification: '' })).body.request;
    const loan = (await (await stack.as('clerk_edu')).post('/loans', loanApplication())).body.loan;
    const reviewerTask = await (await stack.as('reviewer')).taskFor(request.id);
    const auditor = await stack.as('auditor');

    for (const path of [`/budget-requests/${request.id}`, `/loans/${loan.id}`, '/dashboard?fiscalYear=2026', '/advances/2026', '/fiscal-years/2026', '/dashboard/lists/pending']) {
      expect([path, (await auditor.get(path)).status]).toEqual([path, 200]);
    }
    const writes: [string, Promise<{ status: number; body: { error?: { code: string } } }>][] = [
      ['file a request', auditor.post('/budget-requests', { amount: '1.00', category: 'project', purpose: '审计不应能提交', justification: '' })],
      ['resubmit', auditor.post(`/budget-requests/${request.id}/resubmit`, { round: 1, amount: '1.00', category: 'project', purpose: '审计不应能提交', justification: '' })],
      ['withdraw', auditor.post(`/budget-requests/${request.id}/withdraw`, { comment: '审计不应能撤回' })],
      ['decide another’s task', auditor.post(`/tasks/${reviewerTask.id}/decision`, { action: 'approve' })],
      ['apply for a loan', auditor.post('/loans', loanApplication())],
      ['disburse', auditor.post(`/loans/${loan.id}/disburse`, {})],
      ['record a repayment', auditor.post(`/loans/${loan.id}/repayments`, { paymentId: 'AUD-1', amount: '1.00', paidOn: '2026-11-01' })],
      ['suspend disbursements', auditor.post('/disbursement-suspension', { reason: '审计不应能暂停支付' })],
      ['resume disbursements', auditor.delete('/disbursement-suspension', {})],
      ['set fiscal-year figures', auditor.put('/fiscal-years/2026', { generalBudgetExpenditure: '1.00', fundBudgetExpenditure: '1.00', availableResources: '1.00' })],
    ];
    for (const [what, answer] of writes) { const r = await answer; expect([what, r.status, r.body?.error?.code]).toEqual([what, 403, expect.any(String)]); }

    // nothing was changed
    expect((await auditor.get(`/budget-requests/${request.id}`)).body.request).toMatchObject({ status: 'in_review', step: 'finance_review' });
    expect((await auditor.get(`/loans/${loan.id}`)).body.loan).toMatchObject({ status: 'in_review', step: 'finance_review' });
    expect(await stack.prisma.budgetRequest.count()).toBe(1);
    expect(await stack.prisma.loan.count()).toBe(1);
    expect((await auditor.get('/disbursement-suspension')).body.control.suspended).toBe(false);
  });
});
