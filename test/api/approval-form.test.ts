/** The printable 审批单: every decision with names and China times, rules, files with hashes, the audit chain's head. */
import { startStack, Stack } from '../support/stack';
import { pdfText } from '../support/pdf-text';
import { loanApplication } from '../support/loans';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const compact = (s: string) => s.replace(/\s+/g, '');

describe('the 审批单 (approval form)', () => {
  it('prints the request, the decision with the approver’s name and China time, the rules, the attached file’s hash and the chain head', async () => {
    const clerk = await stack.as('clerk_edu');
    const request = (await clerk.post('/budget-requests', { amount: '12345.60', category: 'project', purpose: '教学楼抗震加固', justification: '' })).body.request;
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(request.id);
    expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '资金来源已核实' })).status).toBe(200);
    await (await stack.as('vice_mayor_edu')).taskFor(request.id, 'leader_briefing'); // the decision is recorded and the next step opened
    const scan = Buffer.from('%PDF-1.4\n% 会议纪要扫描件\n');
    const file = (await clerk.upload(`/budget-requests/${request.id}/attachments?fileName=${encodeURIComponent('纪要.pdf')}`, scan)).body.attachment;

    const res = await clerk.download(`/budget-requests/${request.id}/approval-form.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    const chain = (await clerk.get(`/budget-requests/${request.id}/audit-chain`)).body.chain;
    for (const expected of ['追加预算审批单', request.number, '教学楼抗震加固', '壹万贰仟叁佰肆拾伍元陆角', '财政局审核', '同意', '陈红', '资金来源已核实', '北京时间', 'R-B2', '纪要.pdf', file.sha256, chain.headHash]) {
      expect([expected, compact(text).includes(compact(expected))]).toEqual([expected, true]);
    }
  });

  it('prints a loan’s form too, for whoever may read the loan and no one else', async () => {
    const loan = (await (await stack.as('clerk_edu')).post('/loans', loanApplication())).body.loan;
    const res = await (await stack.as('auditor')).download(`/loans/${loan.id}/approval-form.pdf`);
    expect(res.status).toBe(200);
    const text = compact(await pdfText(Buffer.from(await res.arrayBuffer())));
    expect(text).toContain('借款（暂付性款项）审批单');
    expect(text).toContain(loan.number);
    expect(text).toContain('R-L6');
    expect((await (await stack.as('clerk_health')).download(`/loans/${loan.id}/approval-form.pdf`)).status).toBe(403);
  });
});
