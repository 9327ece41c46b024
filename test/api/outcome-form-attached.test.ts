/** The outcome e-mail to the applicant carries the 审批单 PDF as it stands at that moment. */
import { startStack, Stack } from '../support/stack';
import { pdfText } from '../support/pdf-text';
import { decideLoanTask, loanApplication } from '../support/loans';
import type { CapturedMail } from '../support/smtp';
import { mailTo } from '../support/email-links';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const compact = (s: string) => s.replace(/\s+/g, '');

async function attachedFormText(mail: CapturedMail, number: string): Promise<string> {
  expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`审批单-${number}.pdf`, 'application/pdf']]);
  const pdf = mail.attachments[0].content;
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return compact(await pdfText(pdf));
}

describe('the 审批单 on the outcome e-mail', () => {
  it('a rejected budget request: the clerk\'s e-mail carries the form with the decision, its approver, reason and the audit chain head', async () => {
    const clerk = await stack.as('clerk_health');
    const request = (await clerk.post('/budget-requests', { amount: '64000.00', category: 'project', purpose: '村卫生室设备更新', justification: '' })).body.request;
    expect((await (await stack.as('reviewer')).decide(request.id, 'finance_review', { action: 'reject', comment: '本年度可用财力不足' })).status).toBe(200);

    const mail = await mailTo(stack, 'clerk_health', request.number, '追加预算');
    expect(mail.text).toContain('本年度可用财力不足'); // the body is still readable beside the attachment
    const text = await attachedFormText(mail, request.number);
    const chain = (await clerk.get(`/budget-requests/${request.id}/audit-chain`)).body.chain;
    for (const expected of ['追加预算审批单', request.number, '村卫生室设备更新', '财政局审核', '不同意', '陈红', '本年度可用财力不足', 'R-B2', chain.headHash]) {
      expect([expected, text.includes(compact(expected))]).toEqual([expected, true]);
    }
    // the same form the download gives now (only the printing time differs)
    const download = compact(await pdfText(Buffer.from(await (await clerk.download(`/budget-requests/${request.id}/approval-form.pdf`)).arrayBuffer())));
    const printedAt = /打印时间[\d-]+\d{2}:\d{2}（北京时间）/g;
    expect(text.replace(printedAt, '')).toBe(download.replace(printedAt, ''));
  });

  it('a withdrawn loan: the borrower\'s e-mail carries the loan\'s form', async () => {
    const clerk = await stack.as('clerk_edu');
    const loan = (await clerk.post('/loans', loanApplication({ amount: '45000.00', purposeDetails: '校车维修临时周转' }))).body.loan;
    expect((await decideLoanTask(stack, 'reviewer', loan.id, { action: 'return', comment: '请补充还款来源说明' })).status).toBe(200);
    await clerk.taskFor(loan.id, 'revision');
    expect((await clerk.post(`/loans/${loan.id}/withdraw`, { comment: '改由部门预算解决' })).status).toBe(200);

    const mail = await mailTo(stack, 'clerk_edu', loan.number, '借款') // the outcome, not the 【待办】 of the return;
    const text = await attachedFormText(mail, loan.number);
    for (const expected of ['借款（暂付性款项）审批单', loan.number, '校车维修临时周转', '退回修改', '请补充还款来源说明', 'R-L6']) {
      expect([expected, text.includes(compact(expected))]).toEqual([expected, true]);
    }
  });

  it('a policy assessed unaffordable (R-B9): the drafting clerk\'s e-mail carries the policy\'s form with the assessment and its reason', async () => {
    const clerk = await stack.as('clerk_health');
    const policy = (await clerk.post('/policies', { title: '村医高额岗位奖励', summary: '对全县村医按年发放岗位奖励，每人每年3万元。', yearlyCost: '9000000.00', scope: '全县在岗村医' })).body.policy;
    expect((await (await stack.as('reviewer')).decide(policy.id, 'affordability_assessment', { action: 'reject', comment: '超出县级财力，不具备实施条件' })).status).toBe(200);

    const mail = await mailTo(stack, 'clerk_health', policy.number, '【结果】');
    const text = await attachedFormText(mail, policy.number);
    const chain = (await clerk.get(`/policies/${policy.id}/audit-chain`)).body.chain;
    for (const expected of ['重大增支政策审批单', policy.number, '村医高额岗位奖励', '财政可承受能力评估', '不同意', '陈红', '超出县级财力，不具备实施条件', 'R-B9', chain.headHash]) {
      expect([expected, text.includes(compact(expected))]).toEqual([expected, true]);
    }
  });

  it('an approved change of use (R-B10): the unit\'s e-mail carries the form with the meeting that approved it', async () => {
    const clerk = await stack.as('clerk_water');
    const change = (await clerk.post('/changes-of-use', {
      amount: '80000.00', fromUse: '办公设备购置', fromCategory: 'project', toUse: '防汛抢险物资', toCategory: 'emergency', reason: '汛期提前，需紧急储备防汛抢险物资。',
    })).body.changeOfUse;
    expect((await (await stack.as('reviewer')).decide(change.id, 'finance_review', { action: 'approve' })).status).toBe(200);
    expect((await (await stack.as('vice_mayor_infra')).decide(change.id, 'leader_in_charge', { action: 'approve' })).status).toBe(200);
    const meeting = { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第22次常务会议' };
    expect((await (await stack.as('meeting_secretary')).decide(change.id, 'executive_meeting', meeting)).status).toBe(200);

    const mail = await mailTo(stack, 'clerk_water', change.number, '【结果】');
    const text = await attachedFormText(mail, change.number);
    for (const expected of ['预算调剂审批单', change.number, '防汛抢险物资', '县政府常务会议', '县政府2026年第22次常务会议', '已批准调剂', 'R-B10']) {
      expect([expected, text.includes(compact(expected))]).toEqual([expected, true]);
    }
  });
});
