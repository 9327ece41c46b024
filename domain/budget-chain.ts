import type { Role } from './roles';

/**
 * The R-B2 chain: finance review → leader briefing → executive/office meeting → NPC standing
 * committee → executed. A return sends the request to `revision`, from which the department
 * resubmits into finance review again; nothing is ever skipped.
 */
export const BUDGET_STEPS = {
  finance_review: { zh: '财政局审核', en: 'Finance review', roles: ['finance_reviewer'], actions: ['approve', 'reject', 'return'] },
  leader_briefing: { zh: '向县委政府主要领导和分管领导汇报', en: 'Leader briefing', roles: ['leader_principal', 'leader_in_charge'], actions: ['acknowledge', 'object'] },
  executive_meeting: { zh: '县政府常务会议或办公会议研究审定', en: 'Executive or office meeting', roles: ['meeting_secretary'], actions: ['approve', 'reject', 'return'] },
  npc_approval: { zh: '县人大常委会批复', en: 'NPC standing committee approval', roles: ['npc_liaison'], actions: ['approve', 'reject', 'return'] },
  revision: { zh: '退回修改', en: 'Returned for revision', roles: ['dept_clerk'], actions: ['resubmit', 'withdraw'] },
} as const satisfies Record<string, { zh: string; en: string; roles: readonly Role[]; actions: readonly string[] }>;

export type BudgetStep = keyof typeof BUDGET_STEPS;
/** lapsed: let lapse by the finance director at the year turn (R-B11) */
export type BudgetTerminal = 'executed' | 'rejected' | 'withdrawn' | 'lapsed';
export type BudgetPosition = BudgetStep | BudgetTerminal;

/** Step order of the approval chain proper (revision is a detour, not a step of R-B2). */
export const BUDGET_CHAIN: readonly BudgetStep[] = ['finance_review', 'leader_briefing', 'executive_meeting', 'npc_approval'];

export const BUDGET_TERMINALS: Record<BudgetTerminal, { zh: string; en: string }> = {
  executed: { zh: '已批复执行', en: 'Executed' },
  rejected: { zh: '已否决', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  lapsed: { zh: '年度结束已失效（R-B11）', en: 'Lapsed at the year turn (R-B11)' },
};

export { DECISION_ACTIONS, MEETING_KINDS, ZDecisionInput } from './approval/decision';
export type { DecisionAction, MeetingKind, DecisionInput } from './approval/decision';
export type { DecisionRefusal } from './approval/engine';

/** The workflow's own view of where a request stands. */
export interface BudgetChainState {
  requestId: string;
  unitId: string;
  position: BudgetPosition;
  round: number;
  /** leaders whose acknowledgement the briefing needs (all principal leaders + the unit's leader in charge) */
  briefingLeaders: string[];
  acknowledged: string[];
}

export function positionLabel(position: BudgetPosition): string {
  return positionLabels(position).zh;
}

/** A position's label in both languages (a step, or how the request ended). */
export function positionLabels(position: BudgetPosition): { zh: string; en: string } {
  return position in BUDGET_STEPS ? BUDGET_STEPS[position as BudgetStep] : BUDGET_TERMINALS[position as BudgetTerminal];
}

/** Status shown in lists, derived from the position. */
export function budgetStatus(position: BudgetPosition): 'in_review' | 'returned' | BudgetTerminal {
  if (position === 'revision') return 'returned';
  if (position === 'executed' || position === 'rejected' || position === 'withdrawn' || position === 'lapsed') return position;
  return 'in_review';
}

/** Whether the request holds a reservation against available resources in this position. */
export const holdsReservation = (position: BudgetPosition): boolean =>
  position === 'leader_briefing' || position === 'executive_meeting' || position === 'npc_approval';
