import { startStack, Stack } from '../support/stack';
import { mailFor } from '../support/email-links';
import type { CapturedMail } from '../support/smtp';

/**
 * Issue 13: the reminder an approver receives says how long the task has waited, and amounts read
 * "1,234,567.80 元" (one currency mark, never "¥… 元"), in the HTML part and the plain-text part,
 * as received by the real SMTP server. Tasks here are reminded after 10 seconds instead of 3 days;
 * the task's opening is moved back in the database to stand for the days it has waited.
 */
let stack: Stack;
beforeAll(async () => { stack = await startStack({ remindAfter: '10 seconds' }); });
afterAll(async () => { await stack?.stop(); });
jest.setTimeout(120_000);

const HOUR = 3_600_000;
/** "¥1,234.50 元" or "¥1234.50元": an amount with both currency marks. */
const DOUBLED = /¥\s*[\d,]+(?:\.\d+)?\s*元/;

/** Makes the subject's open tasks look opened `hours` (and ten minutes) ago, before their first reminder. */
async function waitedSince(subjectId: string, hours: number) {
  const openedAt = new Date(Date.now() - hours * HOUR - 10 * 60_000);
  const moved = await stack.prisma.task.updateMany({ where: { subjectId, status: 'open' }, data: { openedAt } });
  expect(moved.count).toBeGreaterThan(0);
}

/** The HTML part's text: tags dropped, entities read back. */
const htmlText = (m: CapturedMail) => m.html.replace(/<[^>]+>/g, '\n').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('a reminder e-mail says how long the task has waited, with amounts written once in 元', () => {
  let budgetId = '';
  let budgetNumber = '';

  it('reminds the reviewer of a request open for 3 days 5 hours, in both parts, English lines included by default', async () => {
    const filed = (await (await stack.as('clerk_edu')).post('/budget-requests', { amount: '1234567.80', category: 'project', purpose: '乡村学校校舍维修', justification: '' })).body.request;
    budgetId = filed.id;
    budgetNumber = filed.number;
    await (await stack.as('reviewer')).taskFor(budgetId);
    await waitedSince(budgetId, 3 * 24 + 5);

    const mail = await mailFor(stack, 'reviewer', budgetNumber, '【催办】');
    expect(mail.text.split(/\r?\n/)[0]).toBe('提醒：以下待办尚未办理，已等待 3 天 5 小时。');
    expect(mail.text).toContain('Reminder: this task is still open, waiting for 3 d 5 h.');
    expect(mail.text).toContain('金额 / Amount: 1,234,567.80 元');
    expect(mail.text).not.toMatch(/<\w+/); // the plain-text part is plain

    expect(mail.html).toContain('<html lang="zh-CN">');
    const html = htmlText(mail);
    expect(html).toContain('提醒：以下待办尚未办理，已等待 3 天 5 小时。');
    expect(html).toContain('Reminder: this task is still open, waiting for 3 d 5 h.');
    expect(html).toContain('金额 / Amount: 1,234,567.80 元');
    for (const part of [mail.subject, mail.text, html]) expect(part).not.toMatch(DOUBLED);
  });

  it('reminds a reviewer who reads Chinese only of a loan open for 1 day 2 hours, without the English lines in either part', async () => {
    const reviewer = await stack.as('reviewer');
    expect((await reviewer.put('/me/preferences', { mailEnglish: false })).status).toBe(200);
    const filed = (await (await stack.as('clerk_health')).post('/loans', {
      amount: '30000.00', purpose: 'temporary_turnover', purposeDetails: '卫生院药品采购临时周转', repaymentSource: '医保基金拨付后归还',
      termMonths: 6, noOnLendingDeclared: true, fundsNewSpending: false,
    })).body.loan;
    await reviewer.taskFor(filed.id);
    await waitedSince(filed.id, 26);

    const mail = await mailFor(stack, 'reviewer', filed.number, '【催办】');
    const html = htmlText(mail);
    for (const part of [mail.text, html]) {
      expect(part).toContain('提醒：以下待办尚未办理，已等待 1 天 2 小时。');
      expect(part).toContain('借款金额 / Amount: 30,000.00 元');
      expect(part).not.toContain('Reminder:');
      expect(part).not.toMatch(DOUBLED);
    }
    // however often its timer fires, a task is reminded once a day: the request's reminder went out once
    const budgetReminders = stack.smtp.received.filter((m) => m.subject.includes(budgetNumber) && m.subject.includes('【催办】'));
    expect(budgetReminders).toHaveLength(1);
    expect((await reviewer.put('/me/preferences', { mailEnglish: true })).status).toBe(200);
  });

  it('writes a policy’s yearly cost and a change of use’s amount the same way', async () => {
    const clerk = await stack.as('clerk_edu');
    const policy = (await clerk.post('/policies', { title: '农村教师生活补助', summary: '对乡村学校在岗教师按月发放生活补助。', yearlyCost: '3600000.00', scope: '全县乡村学校在岗教师' })).body.policy;
    const change = (await clerk.post('/changes-of-use', {
      amount: '80000.00', fromUse: '办公楼维修', fromCategory: 'project', toUse: '防汛物资采购', toCategory: 'emergency', reason: '汛期提前，需紧急采购防汛物资。',
    })).body.changeOfUse;
    const policyMail = await mailFor(stack, 'reviewer', policy.number, '【待办】');
    const changeMail = await mailFor(stack, 'reviewer', change.number, '【待办】');
    for (const part of [policyMail.text, htmlText(policyMail)]) expect(part).toContain('每年所需经费 / Yearly cost: 3,600,000.00 元');
    for (const part of [changeMail.text, htmlText(changeMail)]) expect(part).toContain('金额 / Amount: 80,000.00 元');
  });

  it('no e-mail sent in this file writes ¥ and 元 around one amount', async () => {
    expect(stack.smtp.received.length).toBeGreaterThan(4);
    for (const m of stack.smtp.received) {
      for (const part of [m.subject, m.text, htmlText(m)]) expect(part).not.toMatch(DOUBLED);
    }
  });
});
