import { dateColumn, LOAN_PURPOSES, LOAN_STEPS, LoanPurpose, LoanStep, RULES } from '../../domain';
import { yuanText } from '../../activities/mail-format';
import { esc } from './pages';

/** The loan's part of the e-mail link pages: its facts. */

interface LoanView {
  id: string; number: string; unit: { name: string }; amount: { toString(): string }; purpose: string; purposeDetails: string;
  repaymentSource: string; termMonths: number | null; requestedDueDate: Date | null; fiscalYear: number;
}

const day = dateColumn;

/** R-L4: how long the borrower asked for; the due date itself is fixed at disbursement. */
function term(l: LoanView): string {
  if (l.termMonths) return `${esc(l.termMonths)} 个月（自放款日起） <span class="note">${esc(l.termMonths)} months from disbursement</span>`;
  if (l.requestedDueDate) return `至 ${esc(day(l.requestedDueDate))} <span class="note">until ${esc(day(l.requestedDueDate))}</span>`;
  return '未约定，自放款日起最长一年 <span class="note">not stated: at most a year from disbursement</span>';
}

/** A loan's facts on the pages. */
export function loanFacts(l: LoanView, task?: { step: string; round: number }): string {
  const purpose = LOAN_PURPOSES[l.purpose as LoanPurpose];
  const step = task ? LOAN_STEPS[task.step as LoanStep] : undefined;
  return `<dl>
<dt>借款编号 / Loan</dt><dd>${esc(l.number)}</dd>
<dt>借款单位 / Borrower</dt><dd>${esc(l.unit.name)}</dd>
<dt>借款金额 / Amount</dt><dd>${esc(yuanText(l.amount))}</dd>
<dt>用途 / Purpose</dt><dd>${esc(purpose?.zh ?? l.purpose)} <span class="note">${esc(purpose?.en ?? '')}</span><br>${esc(l.purposeDetails)}</dd>
<dt title="${esc(RULES['R-L5'].zh)}">还款来源 / Repayment source</dt><dd>${esc(l.repaymentSource)} <span class="tag">R-L5</span></dd>
<dt title="${esc(RULES['R-L4'].zh)}">借款期限 / Term</dt><dd>${term(l)}</dd>
<dt>预算年度 / Fiscal year</dt><dd>${esc(l.fiscalYear)}</dd>
${step ? `<dt>环节 / Step</dt><dd>${esc(step.zh)} <span class="note">${esc(step.en)}</span></dd>` : ''}
</dl><p class="note"><a href="/loans/${esc(l.id)}">查看借款全部记录 / See the loan's full history</a></p>`;
}
