import type { Role, Actor } from './roles';
import type { DecisionRefusal } from './approval/engine';
import { RULES, Violation } from './rules';
import { checkDueDate } from './loan';
import type { IsoDate } from './china-calendar';
import { toFen, Yuan } from './money';

/**
 * The loan chain: finance review (R-L8) → executive meeting (R-L6) → the treasury disburses
 * (R-L8 again, R-L4, R-L7) → repayment period (R-L10) → closed when repaid in full.
 */
export const LOAN_STEPS = {
  finance_review: { zh: '财政局审核（暂付款规模 R-L8）', en: 'Finance review (advances cap R-L8)', roles: ['finance_reviewer'], actions: ['approve', 'reject'] },
  executive_meeting: { zh: '县政府常务会议审查批准', en: 'Executive meeting approval', roles: ['meeting_secretary'], actions: ['approve', 'reject'] },
  disbursement: { zh: '国库股放款', en: 'Disbursement by the treasury', roles: ['treasury_officer'], actions: ['disburse'] },
} as const satisfies Record<string, { zh: string; en: string; roles: readonly Role[]; actions: readonly string[] }>;

export type LoanStep = keyof typeof LOAN_STEPS;
/** revision: returned to the borrower, who resubmits into the same loan or withdraws */
export type LoanPosition = LoanStep | 'revision' | 'repayment' | 'closed' | 'rejected' | 'withdrawn';

export const LOAN_POSITIONS: Record<LoanPosition, { zh: string; en: string }> = {
  ...LOAN_STEPS,
  repayment: { zh: '还款期', en: 'Repayment period' },
  closed: { zh: '已结清', en: 'Closed (repaid in full)' },
  rejected: { zh: '未获批准', en: 'Rejected' },
  revision: { zh: '退回修改', en: 'Returned for revision' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const isLoanStep = (p: string): p is LoanStep => Object.prototype.hasOwnProperty.call(LOAN_STEPS, p);

/** Status shown in lists; `overdue` is a disbursed loan whose due date has come (see isOverdue). */
export const LOAN_STATUSES = ['in_review', 'returned', 'approved', 'disbursed', 'closed', 'rejected', 'withdrawn'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
export const LOAN_STATUS_LABELS: Record<LoanStatus, { zh: string; en: string }> = {
  in_review: { zh: '审批中', en: 'In review' },
  returned: { zh: '退回修改', en: 'Returned for revision' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  approved: { zh: '已批准待放款', en: 'Approved' },
  disbursed: { zh: '还款期', en: 'Disbursed' },
  closed: { zh: '已结清', en: 'Closed' },
  rejected: { zh: '未获批准', en: 'Rejected' },
};
export function loanStatus(position: LoanPosition): LoanStatus {
  switch (position) {
    case 'finance_review': case 'executive_meeting': return 'in_review';
    case 'disbursement': return 'approved';
    case 'repayment': return 'disbursed';
    case 'revision': return 'returned';
    default: return position;
  }
}

/** A refusal of a loan action: the budget side's codes plus the repayment period's own. */
export interface LoanRefusal extends Omit<DecisionRefusal, 'code'> {
  code: DecisionRefusal['code'] | 'over_repayment' | 'payment_reference_reused' | 'disbursement_queued' | 'invalid_officer';
}

/** What the workflow knows of a loan when it judges an action. */
export interface LoanChainState {
  loanId: string;
  unitId: string;
  position: LoanPosition;
  amount: Yuan;
  outstanding: Yuan;
}

const refuse = (code: LoanRefusal['code'], status: LoanRefusal['status'], message: string, field?: string): LoanRefusal => ({
  code, status, message, ...(field ? { field } : {}),
});

const positionZh = (p: LoanPosition) => LOAN_POSITIONS[p].zh;

/** The responsible lending officer as the API resolved them (R-L7). */
export interface LendingOfficer {
  userId: string;
  roles: Role[];
}

/**
 * Whether `actor` may disburse now, naming `officer` as responsible (R-L7) with an optional due
 * date (R-L4, judged against `today`). Returns a refusal or rule violations, or null.
 */
export function checkDisbursement(
  state: LoanChainState, actor: Actor, officer: LendingOfficer, today: IsoDate, dueDate?: IsoDate,
): LoanRefusal | Violation[] | null {
  if (state.position !== 'disbursement') {
    return refuse('stale_task', 409, `借款当前处于「${positionZh(state.position)}」，不能放款 / only an approved loan can be disbursed (now ${state.position})`);
  }
  if (!actor.roles.includes('treasury_officer')) return refuse('wrong_role', 403, '只有国库股可以放款 / only a treasury officer disburses');
  if (!officer.roles.includes('treasury_officer')) {
    return refuse('invalid_officer', 422, `R-L7「${RULES['R-L7'].zh}」：借出责任人须为国库股人员 / the responsible officer must be a treasury officer`, 'responsibleOfficerId');
  }
  if (dueDate) {
    const v = checkDueDate(today, dueDate);
    if (v.length) return v;
  }
  return null;
}

/** Whether `actor` may record a repayment of `amount` now (谁借出，谁回收: the treasury collects). */
export function checkRepayment(state: LoanChainState, actor: Actor, amount: Yuan): LoanRefusal | null {
  if (state.position !== 'repayment') {
    return refuse('stale_task', 409, `借款当前处于「${positionZh(state.position)}」，不能登记还款 / repayments are recorded only for a disbursed loan with a balance (now ${state.position})`);
  }
  if (!actor.roles.includes('treasury_officer')) return refuse('wrong_role', 403, '还款由国库股登记（谁借出，谁回收） / the treasury records repayments');
  if (toFen(amount) <= 0n) return refuse('missing_field', 422, '还款金额须大于0 / the amount must be greater than 0.00', 'amount');
  if (toFen(amount) > toFen(state.outstanding)) {
    return refuse('over_repayment', 422, `R-L10「${RULES['R-L10'].zh}」：还款 ${amount} 元超过借款余额 ${state.outstanding} 元 / ${amount} is more than the ${state.outstanding} outstanding`, 'amount');
  }
  return null;
}
