import { budgetFactLines, outcomeMail } from '../../activities/budget-mails';
import { loanFactLines, loanOutcomeMail, repaymentMail } from '../../activities/loan-mails';
import { chainReminderMail } from '../../activities/approval/task-mail';
import { BUDGET_CHAIN_DEFINITION, LOAN_CHAIN_DEFINITION } from '../../domain';

const request = {
  id: 'r1', number: 'ZJ-2026-0001', amount: '1250000.50', category: 'project', purpose: '防汛物资', fiscalYear: 2026,
  threeGuarantees: false, generalPurpose: false, unit: { name: '县水利局' },
};
const loan = {
  id: 'l1', number: 'JK-2026-0001', amount: '480000.00', outstanding: '480000.00', purpose: 'temporary_turnover', purposeDetails: '周转',
  fiscalYear: 2026, dueDate: new Date('2026-12-31T00:00:00Z'), unit: { name: '县卫健委' },
};
const noDoubleCurrency = /¥[\d,.]+ ?元/;

describe('e-mail texts people read', () => {
  it('says how an executed request ended without "已已", and in English words, not a key', () => {
    const mail = outcomeMail({ request, position: 'executed', publicUrl: 'http://x' });
    expect(mail.text).toContain('当前状态：已批复执行');
    expect(mail.text).not.toContain('已已');
    expect(mail.subject).toBe('追加预算 ZJ-2026-0001：已批复执行 / Executed');
    expect(mail.text).toContain('1,250,000.50 元');
    expect(mail.text).not.toMatch(noDoubleCurrency);
  });

  it('titles the disbursement notice 已放款, not 还款期', () => {
    const mail = loanOutcomeMail({ loan, position: 'repayment', publicUrl: 'http://x' });
    expect(mail.subject).toContain('已放款');
    expect(mail.subject).not.toContain('还款期');
    expect(mail.text).toContain('请于 2026-12-31 前还清借款');
  });

  it('writes amounts once with 元 in receipts', () => {
    const mail = repaymentMail({ loan: { ...loan, outstanding: '0.00' }, amount: '480000.00', paidOn: '2026-06-01', publicUrl: 'http://x' });
    expect(mail.subject).toContain('收到还款 480,000.00 元');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(noDoubleCurrency);
  });

  it('says in a reminder how long the task has waited', () => {
    const openedAt = new Date('2026-05-01T00:00:00Z');
    const now = openedAt.getTime() + (3 * 24 + 5) * 3_600_000;
    const facts = (def: typeof BUDGET_CHAIN_DEFINITION, number: string, lines: string[]) => ({ noun: def.subject, number, lines, path: '/x' });
    const budget = chainReminderMail({
      facts: facts(BUDGET_CHAIN_DEFINITION, request.number, budgetFactLines(request)), step: BUDGET_CHAIN_DEFINITION.steps.finance_review,
      task: { id: 't1', round: 1, openedAt }, publicUrl: 'http://x',
    }, now);
    expect(budget.text).toContain('已等待 3 天 5 小时');
    expect(budget.text).toContain('waiting for 3 d 5 h');
    const loanMail = chainReminderMail({
      facts: facts(LOAN_CHAIN_DEFINITION, loan.number, loanFactLines(loan)), step: LOAN_CHAIN_DEFINITION.steps.finance_review,
      task: { id: 't2', round: 1, openedAt }, publicUrl: 'http://x',
    }, now);
    expect(loanMail.subject).toBe(`【催办】【待办】借款 ${loan.number}：${LOAN_CHAIN_DEFINITION.steps.finance_review.zh} / To do: ${LOAN_CHAIN_DEFINITION.steps.finance_review.en}`);
    expect(loanMail.subject).toContain('【催办】');
    expect(loanMail.text).toContain('已等待 3 天 5 小时');
  });
});
