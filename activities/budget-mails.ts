import { BUDGET_CATEGORIES, BudgetCategory, BudgetPosition, positionLabel, positionLabels } from '../domain';
import { yuanText } from './mail-format';

/** The facts of a request every e-mail repeats, Chinese first with English below. */
export interface RequestFacts {
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
/** The request's key facts, one line each (the engine's task mails and the outcome mail). */
export const budgetFactLines = (r: RequestFacts): string[] => {
  const cat = BUDGET_CATEGORIES[r.category as BudgetCategory];
  const flags = [r.threeGuarantees ? '【三保优先 R-B5】' : '', r.generalPurpose ? '【一般性支出 R-B4】' : ''].join('');
  return [
    `申请编号 / Request: ${r.number} ${flags}`,
    `预算单位 / Unit: ${r.unit.name}`,
    `金额 / Amount: ${yuanText(r.amount)}`,
    `类别 / Category: ${cat?.zh ?? r.category} (${cat?.en ?? r.category})`,
    `用途 / Purpose: ${r.purpose}`,
    `预算年度 / Fiscal year: ${r.fiscalYear}`,
  ];
};

/** E-mail telling the filing clerk how the request ended. */
export function outcomeMail({ request, position, comment, decidedBy, publicUrl }: { request: RequestFacts; position: BudgetPosition; comment?: string; decidedBy?: string; publicUrl: string }) {
  return {
    subject: `追加预算 ${request.number}：${positionLabel(position)} / ${positionLabels(position).en}`,
    text: [
      `您提交的追加预算申请当前状态：${positionLabel(position)}。`,
      `Your supplementary-budget request is now: ${positionLabels(position).en}.`,
      comment ? `\n意见 / Comment: ${comment}` : '',
      ...(decidedBy ? [decidedBy] : []),
      '',
      ...budgetFactLines(request),
      '',
      `查看 / View: ${publicUrl}/budget-requests/${request.id}`,
    ].join('\n'),
  };
}
