import { z } from 'zod';
import { Role, Actor } from './roles';
import { zText } from './text';

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

export const DECISION_ACTIONS = {
  approve: { zh: '同意', en: 'Approve' },
  reject: { zh: '不同意（终止）', en: 'Reject' },
  return: { zh: '退回修改', en: 'Return for revision' },
  acknowledge: { zh: '已知悉', en: 'Acknowledge' },
  object: { zh: '有异议（退回）', en: 'Object' },
  resubmit: { zh: '重新提交', en: 'Resubmit' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
} as const;
export type DecisionAction = keyof typeof DECISION_ACTIONS;

export const MEETING_KINDS = {
  executive: { zh: '县政府常务会议', en: 'Executive meeting' },
  office: { zh: '县政府办公会议', en: 'Office meeting' },
} as const;
export type MeetingKind = keyof typeof MEETING_KINDS;

/** What an approver sends to decide a task. */
export const ZDecisionInput = z.object({
  action: z.enum(['approve', 'reject', 'return', 'acknowledge', 'object']),
  comment: zText({ max: 2000 }).optional(),
  meetingKind: z.enum(['executive', 'office']).optional(),
  meetingReference: zText({ min: 2, max: 200 }).optional(),
  resolutionReference: zText({ min: 2, max: 200 }).optional(),
});
export type DecisionInput = z.infer<typeof ZDecisionInput>;

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

/** Why a decision is refused; `status` is the HTTP status the API answers with. */
export interface DecisionRefusal {
  code: 'stale_task' | 'wrong_role' | 'not_assignee' | 'already_decided' | 'action_not_allowed' | 'missing_field' | 'not_own_unit';
  status: 403 | 409 | 422;
  message: string;
  field?: string;
}

const refuse = (code: DecisionRefusal['code'], status: DecisionRefusal['status'], message: string, field?: string): DecisionRefusal => ({
  code, status, message, ...(field ? { field } : {}),
});

/** The role an actor decides a step in, or undefined if they hold none of the step's roles. */
export function actingRole(step: BudgetStep, actor: Pick<Actor, 'roles'>): Role | undefined {
  return (BUDGET_STEPS[step].roles as readonly Role[]).find((r) => actor.roles.includes(r));
}

/**
 * Whether `actor` may take `decision` on the request now. `expected` is the step and round the
 * actor's task was opened for, so a decision made on an outdated screen is refused as stale.
 */
export function checkDecision(
  state: BudgetChainState,
  actor: Actor,
  decision: DecisionInput,
  expected: { step: string; round: number },
): DecisionRefusal | null {
  if (state.position !== expected.step || state.round !== expected.round) {
    return refuse('stale_task', 409, `此任务已过期：申请当前处于「${positionLabel(state.position)}」第${state.round}轮 / the request has moved on (now ${state.position}, round ${state.round})`);
  }
  const step = state.position as BudgetStep;
  if (step === 'revision') return refuse('action_not_allowed', 422, '退回修改的申请由经办人重新提交 / a returned request is resubmitted by its department');
  if (!actingRole(step, actor)) {
    const roles = BUDGET_STEPS[step].roles.join(', ');
    return refuse('wrong_role', 403, `「${BUDGET_STEPS[step].zh}」须由 ${roles} 办理 / this step is decided by ${roles}`);
  }
  if (step === 'leader_briefing') {
    if (!state.briefingLeaders.includes(actor.userId)) return refuse('not_assignee', 403, '您不在本次汇报的领导名单中 / you are not among the leaders briefed on this request');
    if (state.acknowledged.includes(actor.userId)) return refuse('already_decided', 409, '您已就本轮汇报表态 / you have already responded to this briefing');
  }
  if (!(BUDGET_STEPS[step].actions as readonly string[]).includes(decision.action)) {
    return refuse('action_not_allowed', 422, `「${BUDGET_STEPS[step].zh}」不能执行「${DECISION_ACTIONS[decision.action].zh}」 / ${decision.action} is not possible at ${step}`, 'action');
  }
  if (['reject', 'return', 'object'].includes(decision.action) && !decision.comment) {
    return refuse('missing_field', 422, '否决、退回或提出异议须填写理由 / a reason is required', 'comment');
  }
  if (step === 'executive_meeting') {
    if (!decision.meetingKind) return refuse('missing_field', 422, '须注明常务会议或办公会议 / say which meeting decided', 'meetingKind');
    if (!decision.meetingReference) return refuse('missing_field', 422, '须填写会议文号，如“县政府第12次常务会议” / the meeting reference is required', 'meetingReference');
  }
  if (step === 'npc_approval' && decision.action === 'approve' && !decision.resolutionReference) {
    return refuse('missing_field', 422, '须填写县人大常委会批复文号 / the resolution reference is required', 'resolutionReference');
  }
  return null;
}

/** Whether `actor` may resubmit (or withdraw) the request now: only its own unit's clerk, only after a return. */
export function checkRevision(state: BudgetChainState, actor: Actor, expectedRound?: number): DecisionRefusal | null {
  // Who may act comes first: someone who never may (an auditor, another unit) is told so, whatever the state.
  if (!actor.roles.includes('dept_clerk')) return refuse('wrong_role', 403, '只有预算单位经办人可以重新提交 / only a department clerk can resubmit');
  if (actor.unitId !== state.unitId) return refuse('not_own_unit', 403, '只能办理本单位的申请 / clerks act only on their own unit’s requests');
  if (state.position !== 'revision') {
    return refuse('stale_task', 409, `申请当前处于「${positionLabel(state.position)}」，不能重新提交 / only a returned request can be resubmitted (now ${state.position})`);
  }
  if (expectedRound !== undefined && expectedRound !== state.round) {
    return refuse('stale_task', 409, `申请已进入第${state.round}轮 / the request is now in round ${state.round}`);
  }
  return null;
}

/** The position after `decision`, for decisions checkDecision accepted. */
export function nextPosition(state: BudgetChainState, actorId: string, action: DecisionAction): BudgetPosition {
  switch (action) {
    case 'reject':
      return 'rejected';
    case 'return':
    case 'object':
      return 'revision';
    case 'withdraw':
      return 'withdrawn';
    case 'resubmit':
      return 'finance_review';
    case 'acknowledge': {
      const acked = new Set([...state.acknowledged, actorId]);
      return state.briefingLeaders.every((l) => acked.has(l)) ? 'executive_meeting' : 'leader_briefing';
    }
    case 'approve': {
      const i = BUDGET_CHAIN.indexOf(state.position as BudgetStep);
      return i === BUDGET_CHAIN.length - 1 ? 'executed' : BUDGET_CHAIN[i + 1];
    }
  }
}

/** Applies an accepted decision to the chain state (pure; the workflow keeps the result). */
export function applyDecision(state: BudgetChainState, actorId: string, action: DecisionAction): BudgetChainState {
  const position = nextPosition(state, actorId, action);
  const round = action === 'resubmit' ? state.round + 1 : state.round;
  const acknowledged = action === 'acknowledge' && position === 'leader_briefing' ? [...state.acknowledged, actorId] : [];
  return { ...state, position, round, acknowledged };
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
