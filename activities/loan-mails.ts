import { dateColumn, LOAN_POSITIONS, LOAN_PURPOSES, LOAN_STEPS, LoanPosition, LoanPurpose, LoanStep, normalizeYuan, NOTICE_KINDS, PlannedNotice, RULES } from '../domain';
import type { ActionLink } from './email-action-links';
import { decisionLinkLines } from './decision-link-lines';
import { reminderLines, yuanText } from './mail-format';

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

const facts = (l: LoanFacts) => {
  const purpose = LOAN_PURPOSES[l.purpose as LoanPurpose];
  return [
    `借款编号 / Loan: ${l.number}`,
    `借款单位 / Borrower: ${l.unit.name}`,
    `借款金额 / Amount: ${yuanText(l.amount)}`,
    `借款余额 / Outstanding: ${yuanText(l.outstanding)}`,
    `用途 / Purpose: ${purpose?.zh ?? l.purpose} (${purpose?.en ?? l.purpose}) — ${l.purposeDetails}`,
    `还款日期 / Due date: ${day(l.dueDate)}`,
    `预算年度 / Fiscal year: ${l.fiscalYear}`,
  ].join('\n');
};

const link = (publicUrl: string, l: LoanFacts) => `查看 / View: ${publicUrl}/loans/${l.id}`;

type LoanTaskMailArgs = { loan: LoanFacts; task: { id: string; step: string; openedAt?: Date }; publicUrl: string; links?: ActionLink[]; linkTtlDays?: number };

/**
 * Where a loan task is done: decision steps open the task (and carry the decision links when
 * given); the disbursement points to the loan page, since it needs the officer (R-L7) and due date (R-L4).
 */
const whereToAct = ({ loan, task, publicUrl, links = [], linkTtlDays }: LoanTaskMailArgs) => (task.step === 'disbursement'
  ? [
    '放款请在系统中办理（须指定借出责任人 R-L7，确定还款日期 R-L4）。',
    'Please disburse in the system: it asks for the responsible lending officer (R-L7) and the due date (R-L4).',
    `办理放款 / Disburse: ${publicUrl}/loans/${loan.id}`,
  ]
  : [`办理 / Open the task: ${publicUrl}/tasks/${task.id}`, ...decisionLinkLines(links, linkTtlDays)]);

/** E-mail for a newly opened loan task, with its decision links when the step has any. */
export function loanTaskMail(args: LoanTaskMailArgs) {
  const step = LOAN_STEPS[args.task.step as LoanStep];
  return {
    subject: `【待办】借款 ${args.loan.number}：${step.zh} / To do: ${step.en}`,
    text: [`您有一项借款待办：${step.zh}。`, `You have a loan task: ${step.en}.`, '', facts(args.loan), '', ...whereToAct(args)].join('\n'),
  };
}

/** E-mail reminding an approver of a loan task still open. */
export function loanTaskReminderMail(args: LoanTaskMailArgs, now = Date.now()) {
  const mail = loanTaskMail(args);
  return { subject: `【催办】${mail.subject}`, text: `${reminderLines(args.task.openedAt, now)}\n\n${mail.text}` };
}

const DISBURSED = { zh: '已放款，请按期还款', en: 'Disbursed' };

/** E-mail telling the borrower how the approval ended (rejected), or that the money went out. */
export function loanOutcomeMail({ loan, position, comment, publicUrl }: { loan: LoanFacts; position: LoanPosition; comment?: string; publicUrl: string }) {
  // The money going out is news of its own: the notice says 已放款, not the period that starts with it.
  const label = position === 'repayment' ? DISBURSED : LOAN_POSITIONS[position];
  return {
    subject: `借款 ${loan.number}：${label.zh} / ${label.en}`,
    text: [
      `借款申请状态：${label.zh}。`, `The loan is now: ${label.en}.`,
      comment ? `\n意见 / Comment: ${comment}` : '',
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
