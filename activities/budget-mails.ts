import { BUDGET_CATEGORIES, BUDGET_STEPS, BudgetCategory, BudgetPosition, BudgetStep, positionLabel, positionLabels } from '../domain';
import type { ActionLink } from './email-action-links';
import { decisionLinkLines } from './decision-link-lines';
import { reminderLines, yuanText } from './mail-format';

/** The facts of a request every e-mail repeats, Chinese first with English below. */
interface RequestFacts {
  id: string;
  number: string;
  amount: { toString(): string };
  category: string;
  purpose: string;
  fiscalYear: number;
  threeGuarantees: boolean;
  generalPurpose: boolean;
  unit: { name: string };
}
interface TaskFacts { id: string; step: string; round: number; openedAt?: Date }

const facts = (r: RequestFacts) => {
  const cat = BUDGET_CATEGORIES[r.category as BudgetCategory];
  const flags = [r.threeGuarantees ? '【三保优先 R-B5】' : '', r.generalPurpose ? '【一般性支出 R-B4】' : ''].join('');
  return [
    `申请编号 / Request: ${r.number} ${flags}`,
    `预算单位 / Unit: ${r.unit.name}`,
    `金额 / Amount: ${yuanText(r.amount)}`,
    `类别 / Category: ${cat?.zh ?? r.category} (${cat?.en ?? r.category})`,
    `用途 / Purpose: ${r.purpose}`,
    `预算年度 / Fiscal year: ${r.fiscalYear}`,
  ].join('\n');
};

/** E-mail for a newly opened task, with its decision links when the step has any. */
export function taskMail({ request, task, publicUrl, links = [], linkTtlDays }: {
  request: RequestFacts; task: TaskFacts; publicUrl: string; links?: ActionLink[]; linkTtlDays?: number;
}) {
  const step = BUDGET_STEPS[task.step as BudgetStep];
  return {
    subject: `【待办】追加预算 ${request.number}：${step.zh} / To do: ${step.en}`,
    text: [
      `您有一项追加预算待办：${step.zh}（第${task.round}轮）。`,
      `You have a supplementary-budget task: ${step.en} (round ${task.round}).`,
      '',
      facts(request),
      '',
      `办理 / Open the task: ${publicUrl}/tasks/${task.id}`,
      ...decisionLinkLines(links, linkTtlDays),
    ].join('\n'),
  };
}

/** E-mail reminding an approver of a task still open. */
export function reminderMail(args: Parameters<typeof taskMail>[0], now = Date.now()) {
  const mail = taskMail(args);
  return { subject: `【催办】${mail.subject}`, text: `${reminderLines(args.task.openedAt, now)}\n\n${mail.text}` };
}

/** E-mail telling the filing clerk how the request ended. */
export function outcomeMail({ request, position, comment, publicUrl }: { request: RequestFacts; position: BudgetPosition; comment?: string; publicUrl: string }) {
  return {
    subject: `追加预算 ${request.number}：${positionLabel(position)} / ${positionLabels(position).en}`,
    text: [
      `您提交的追加预算申请当前状态：${positionLabel(position)}。`,
      `Your supplementary-budget request is now: ${positionLabels(position).en}.`,
      comment ? `\n意见 / Comment: ${comment}` : '',
      '',
      facts(request),
      '',
      `查看 / View: ${publicUrl}/budget-requests/${request.id}`,
    ].join('\n'),
  };
}
