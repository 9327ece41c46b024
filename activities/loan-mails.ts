import { dateColumn, LOAN_POSITIONS, LOAN_PURPOSES, LoanPosition, LoanPurpose, normalizeYuan, NOTICE_KINDS, PlannedNotice, RULES } from '../domain';
import { yuanText } from './mail-format';

/** The facts of a loan every e-mail repeats, Chinese first with English below. */
export interface LoanFacts {
  id: string;
  number: string;
  amount: { toString(): string };
  outstanding: { toString(): string };
  purpose: string;
  purposeDetails: string;
  fiscalYear: number;
  dueDate: Date | null;
  unit: { name: string };
}

const day = (d: Date | null) => (d ? dateColumn(d) : '—');

/** The loan's key facts, one line each (the engine's task mails and every loan notice). */
export const loanFactLines = (l: LoanFacts): string[] => {
  const purpose = LOAN_PURPOSES[l.purpose as LoanPurpose];
  return [
    `借款编号 / Loan: ${l.number}`,
    `借款单位 / Borrower: ${l.unit.name}`,
    `借款金额 / Amount: ${yuanText(l.amount)}`,
    `借款余额 / Outstanding: ${yuanText(l.outstanding)}`,
    `用途 / Purpose: ${purpose?.zh ?? l.purpose} (${purpose?.en ?? l.purpose}) — ${l.purposeDetails}`,
    `还款日期 / Due date: ${day(l.dueDate)}`,
    `预算年度 / Fiscal year: ${l.fiscalYear}`,
  ];
};
const facts = (l: LoanFacts) => loanFactLines(l).join('\n');

const link = (publicUrl: string, l: LoanFacts) => `查看 / View: ${publicUrl}/loans/${l.id}`;

const DISBURSED = { zh: '已放款，请按期还款', en: 'Disbursed' };

/** E-mail telling the borrower how the approval ended (rejected), or that the money went out. */
export function loanOutcomeMail({ loan, position, comment, decidedBy, publicUrl }: { loan: LoanFacts; position: LoanPosition; comment?: string; decidedBy?: string; publicUrl: string }) {
  // The money going out is news of its own: the notice says 已放款, not the period that starts with it.
  const label = position === 'repayment' ? DISBURSED : LOAN_POSITIONS[position];
  return {
    subject: `借款 ${loan.number}：${label.zh} / ${label.en}`,
    text: [
      `借款申请状态：${label.zh}。`, `The loan is now: ${label.en}.`,
      comment ? `\n意见 / Comment: ${comment}` : '',
      ...(decidedBy ? [decidedBy] : []),
      position === 'repayment' ? `\n请于 ${day(loan.dueDate)} 前还清借款（R-L4「${RULES['R-L4'].zh}」）。\nPlease repay in full by ${day(loan.dueDate)}.` : '',
      '', facts(loan), '', link(publicUrl, loan),
    ].join('\n'),
  };
}

/** Receipt for a recorded repayment. */
export function repaymentMail({ loan, amount, paidOn, publicUrl }: { loan: LoanFacts; amount: string; paidOn: string; publicUrl: string }) {
  const closed = normalizeYuan(loan.outstanding) === '0.00';
  return {
    subject: `借款 ${loan.number}：收到还款 ${yuanText(amount)}${closed ? '，已结清' : ''} / Repayment received${closed ? ', loan closed' : ''}`,
    text: [
      `国库股已登记还款 ${yuanText(amount)}（还款日 ${paidOn}）。${closed ? '借款已全部还清。' : `尚欠 ${yuanText(loan.outstanding)}。`}`,
      `A repayment of ¥${amount} (paid ${paidOn}) was recorded. ${closed ? 'The loan is repaid in full.' : `¥${normalizeYuan(loan.outstanding)} is still outstanding.`}`,
      '', facts(loan), '', link(publicUrl, loan),
    ].join('\n'),
  };
}

/** A reminder or escalation of the ladder (R-L10). */
export function loanNoticeMail({ loan, notice, publicUrl }: { loan: LoanFacts; notice: PlannedNotice; publicUrl: string }) {
  const kind = NOTICE_KINDS[notice.kind];
  const when = notice.daysFromDue < 0
    ? `距还款日还有 ${-notice.daysFromDue} 天 / due in ${-notice.daysFromDue} days`
    : notice.daysFromDue === 0 ? '今天为还款日，借款未还清即为逾期 / due today; unpaid it is overdue' : `已逾期 ${notice.daysFromDue} 天 / ${notice.daysFromDue} days overdue`;
  const flags = [
    notice.interview ? `【约谈】请分管领导约谈借款单位负责人 / Interview: the leader in charge is to meet the borrower’s head` : '',
    notice.accountability ? `【问责】已记录问责事项（R-L7「${RULES['R-L7'].zh}」） / Accountability: a record has been made` : '',
  ].filter(Boolean);
  return {
    subject: `【${kind.zh}】借款 ${loan.number} ${when.split(' / ')[0]} / ${kind.en}: loan ${loan.number}`,
    text: [
      `${kind.zh}：${when.split(' / ')[0]}，余额 ${yuanText(loan.outstanding)}。`,
      `${kind.en}: ${when.split(' / ')[1]}, ¥${normalizeYuan(loan.outstanding)} outstanding.`,
      `R-L10「${RULES['R-L10'].zh}」`,
      ...flags, '', facts(loan), '', link(publicUrl, loan),
    ].join('\n'),
  };
}
