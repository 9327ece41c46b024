/**
 * Decision links in loan task e-mails, everything real: the finance review and the executive
 * meeting (R-L6) decided from e-mail through the loan workflow, the treasury sent to the loan page
 * to disburse (R-L7, R-L4), and links that are used, superseded, refused (R-L8) or forged.
 */
import { randomBytes } from 'node:crypto';
import { THIS_YEAR } from '../support/years';
import { startStack, Stack } from '../support/stack';
import { confirm, linksOf, mailFor, open, sha256, tokenOf } from '../support/email-links';
import { FLOOD_ADVANCE, loanApplication } from '../support/loans';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

// Parts of the loan steps' names as the task e-mail subjects carry them (budget steps share the step keys, not these).
const REVIEW = '财政局审核（暂付款规模 R-L8）';
const MEETING = '县政府常务会议审查批准';
const DISBURSEMENT = '国库股放款';

async function apply(username = 'clerk_edu', over: Record<string, unknown> = {}) {
  const res = await (await stack.as(username)).post('/loans', loanApplication({ ...FLOOD_ADVANCE, amount: '480000.00', ...over }));
  expect(res.status).toBe(201);
  return res.body.loan as { id: string; number: string };
}
const loanOf = (id: string) => stack.prisma.loan.findUniqueOrThrow({ where: { id } });
const decisionsOf = (loanId: string) => stack.prisma.decision.findMany({ where: { subjectId: loanId }, orderBy: { decidedAt: 'asc' } });
const usedAt = async (url: string) => (await stack.prisma.emailActionToken.findUniqueOrThrow({ where: { tokenHash: sha256(tokenOf(url)) } })).usedAt;

describe('deciding loan tasks from e-mail', () => {
  it('mails the finance reviewer approve and reject links with the loan number and amount', async () => {
    const loan = await apply();
    const mail = await mailFor(stack, 'reviewer', loan.number, REVIEW);
    expect(mail.subject).toContain(`【待办】借款 ${loan.number}`);
    expect(mail.text).toContain(`借款编号 / Loan: ${loan.number}`);
    expect(mail.text).toContain('480,000.00 元');
    expect(mail.text).not.toMatch(/¥[\d,.]+ 元/); // one currency mark, never "¥… 元"
    expect(mail.text).toContain('借款单位 / Borrower: 县教育局');
    const links = linksOf(stack, mail);
    expect(Object.keys(links).sort()).toEqual(['approve', 'reject', 'return']);
    for (const url of Object.values(links)) expect(url).toMatch(/\/email-actions\/[A-Za-z0-9_-]{43}$/);

    const task = await (await stack.as('reviewer')).taskFor(loan.id, 'finance_review');
    const rows = await stack.prisma.emailActionToken.findMany({ where: { taskId: task.id } });
    expect(rows.map((t) => t.action).sort()).toEqual(['approve', 'reject', 'return']);
    expect(rows.map((t) => t.tokenHash).sort()).toEqual(Object.values(links).map((u) => sha256(tokenOf(u))).sort());
  });

  it('opening a loan link shows the loan’s key facts and decides nothing', async () => {
    const loan = await apply();
    const { approve, reject } = linksOf(stack, await mailFor(stack, 'reviewer', loan.number, REVIEW));
    for (let i = 0; i < 2; i++) {
      const page = await open(approve);
      expect(page.status).toBe(200);
      expect(page.html).toContain('确认「同意」');
      for (const fact of [loan.number, '县教育局', '480,000.00 元', '突发事件临时急需垫款', '暴雨灾后学校校舍抢修垫款', '省级救灾资金下达后归还', 'R-L5', '6 个月', '2026', REVIEW]) {
        expect(page.html).toContain(fact);
      }
      expect(page.html).toContain(`href="/loans/${loan.id}"`);
      expect(page.html).toContain('<form method="post"');
      expect(page.html).not.toContain('name="meetingReference"');
    }
    expect((await open(reject)).html).toContain('意见（必填）');
    expect((await loanOf(loan.id)).step).toBe('finance_review');
    expect(await decisionsOf(loan.id)).toHaveLength(0);
    expect(await usedAt(approve)).toBeNull();
  });

  it('walks review and meeting from e-mail: the meeting needs its reference (R-L6), then the treasury is sent to the loan page', async () => {
    const loan = await apply('clerk_water', { amount: '260000.00', purpose: 'temporary_turnover', purposeDetails: '防汛物资采购临时周转', repaymentSource: '防汛专项资金到位后归还' });
    const review = linksOf(stack, await mailFor(stack, 'reviewer', loan.number, REVIEW));
    const reviewed = await confirm(review.approve, { comment: '规模在上限以内（邮件办理）' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.html).toContain('已办理：同意');
    expect(reviewed.html).toContain(`借款当前处于「${MEETING}」`);
    // The same update as the inbox: R-L8 holds the amount against the year's cap.
    expect(await loanOf(loan.id)).toMatchObject({ step: 'executive_meeting', capHold: 'reserved' });
    expect(await decisionsOf(loan.id)).toMatchObject([{ step: 'finance_review', action: 'approve', actorId: 'user-reviewer', comment: '规模在上限以内（邮件办理）' }]);

    const meetingMail = await mailFor(stack, 'meeting_secretary', loan.number, MEETING);
    const meeting = linksOf(stack, meetingMail);
    expect(Object.keys(meeting).sort()).toEqual(['approve', 'reject', 'return']);
    const form = await open(meeting.approve);
    expect(form.html).toContain('name="meetingReference"');
    expect(form.html).toContain('县政府常务会议');
    // R-L6: the meeting kind is fixed, an office meeting is not on offer.
    expect(form.html).not.toContain('name="meetingKind"');
    expect(form.html).not.toContain('value="office"');

    const noReference = await confirm(meeting.approve);
    expect(noReference.status).toBe(422);
    expect(noReference.html).toContain(`R-L6「${RULES['R-L6'].zh}」`);
    expect(noReference.html).toContain('<form method="post"');
    expect(await usedAt(meeting.approve)).toBeNull();
    const office = await confirm(meeting.approve, { meetingKind: 'office', meetingReference: '县政府第3次办公会议' });
    expect(office.status).toBe(422);
    expect(office.html).toContain('办公会议不能代替');
    expect((await loanOf(loan.id)).step).toBe('executive_meeting');

    const approved = await confirm(meeting.approve, { meetingReference: '县政府2026年第16次常务会议' });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain(`借款当前处于「${DISBURSEMENT}」`);
    expect(await loanOf(loan.id)).toMatchObject({ step: 'disbursement', status: 'approved' });
    expect((await decisionsOf(loan.id))[1]).toMatchObject({
      step: 'executive_meeting', action: 'approve', actorId: 'user-meeting', meetingKind: 'executive', meetingReference: '县政府2026年第16次常务会议',
    });

    // Disbursing needs the responsible officer (R-L7) and the due date (R-L4): no tokens, the loan page instead.
    const treasuryMail = await mailFor(stack, 'treasury', loan.number, DISBURSEMENT);
    expect(linksOf(stack, treasuryMail)).toEqual({});
    expect(treasuryMail.text).not.toContain('/email-actions/');
    expect(treasuryMail.text).toContain('放款请在系统中办理');
    expect(treasuryMail.text).toContain(`${stack.publicUrl}/loans/${loan.id}`);
    const disbursementTask = await (await stack.as('treasury')).taskFor(loan.id, 'disbursement');
    expect(await stack.prisma.emailActionToken.count({ where: { taskId: disbursementTask.id } })).toBe(0);
  });

  it('a loan link confirmed twice decides once; the second answer is the “used” page', async () => {
    const loan = await apply('clerk_health');
    const { approve } = linksOf(stack, await mailFor(stack, 'reviewer', loan.number, REVIEW));
    expect((await confirm(approve)).status).toBe(200);
    const again = await confirm(approve);
    expect(again.status).toBe(410);
    expect(again.html).toContain('链接已使用');
    expect(again.html).toContain(loan.number);
    expect(again.html).toContain('href="/tasks"');
    expect(await decisionsOf(loan.id)).toHaveLength(1);
    expect((await loanOf(loan.id)).step).toBe('executive_meeting');
  });

  it('a reject link from an earlier step is superseded once the loan has moved on', async () => {
    const loan = await apply();
    const { reject } = linksOf(stack, await mailFor(stack, 'reviewer', loan.number, REVIEW));
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(loan.id, 'finance_review');
    expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve' })).status).toBe(200);
    for (const answer of [await open(reject), await confirm(reject, { comment: '不符合条件' })]) {
      expect(answer.status).toBe(410);
      expect(answer.html).toContain('此任务已不需要办理');
      expect(answer.html).toContain(loan.number);
    }
    expect((await decisionsOf(loan.id)).map((d) => d.action)).toEqual(['approve']);
    expect((await loanOf(loan.id)).step).toBe('executive_meeting');
  });

  it('R-L8: a finance approval over the cap re-shows the form with the rule and gives the link back', async () => {
    // 5% of 1,500,000.00 + 500,000.00 = 100,000.00
    const figures = { generalBudgetExpenditure: '1500000.00', fundBudgetExpenditure: '500000.00' };
    await stack.prisma.fiscalYear.update({ where: { year: THIS_YEAR }, data: figures });
    const loan = await apply('clerk_edu', { amount: '150000.00' });
    const { approve, reject } = linksOf(stack, await mailFor(stack, 'reviewer', loan.number, REVIEW));
    const refused = await confirm(approve, { comment: '同意' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(`R-L8「${RULES['R-L8'].zh}」`);
    expect(refused.html).toContain('<form method="post"');
    expect(refused.html).toContain('同意</textarea>');
    expect(await usedAt(approve)).toBeNull();
    expect(await loanOf(loan.id)).toMatchObject({ step: 'finance_review', capHold: 'none' });
    expect((await open(approve)).status).toBe(200);

    const rejected = await confirm(reject, { comment: '超过暂付款规模上限' });
    expect(rejected.status).toBe(200);
    expect(rejected.html).toContain('借款当前处于「未获批准」');
    expect(await decisionsOf(loan.id)).toMatchObject([{ step: 'finance_review', action: 'reject', comment: '超过暂付款规模上限' }]);
  });

  it('refuses a forged token with its page', async () => {
    const forged = `${stack.origin}/email-actions/${randomBytes(32).toString('base64url')}`;
    for (const answer of [await open(forged), await confirm(forged, { meetingReference: '县政府第1次常务会议' })]) {
      expect(answer.status).toBe(404);
      expect(answer.html).toContain('链接无效');
    }
  });
});
