import type { Actor, Role } from '../roles';
import { RULES, RuleId, Violation, violation } from '../rules';
import type { DecisionInput } from './decision';
import { DECISION_ACTIONS, MEETING_KINDS } from './decision';
import { ChainDefinition, DecisionField, REVISION, StepDefinition } from './definition';

/** What the workflow knows of a subject on its chain (pure data: it is queried and carried across continue-as-new). */
export interface ChainState {
  subjectId: string;
  unitId: string;
  /** a step, `revision`, or a terminal of the chain */
  position: string;
  round: number;
  /** who holds the current step's tasks: an `all` step needs each of them */
  assignees: string[];
  /** those of them who agreed so far in this step (the person counted: the represented one when a substitute decided) */
  agreed: string[];
  /** who actually responded so far in this step (a substitute responds once, for one person; absent in states from before delegation) */
  responders?: string[];
  /** whether anyone has decided anything yet (withdrawal before the first decision) */
  decided: boolean;
}

export const initialChainState = (def: ChainDefinition, subjectId: string, unitId: string): ChainState => ({
  subjectId, unitId, position: def.order[0], round: 1, assignees: [], agreed: [], decided: false,
});

/** Why a decision is refused: `status` is the HTTP status; `violations` cites the chain's rule with its Chinese wording. */
export interface DecisionRefusal {
  code: 'stale_task' | 'wrong_role' | 'not_assignee' | 'already_decided' | 'action_not_allowed' | 'missing_field' | 'not_own_unit';
  status: 403 | 409 | 422;
  message: string;
  field?: string;
  ruleId?: RuleId;
  violations?: Violation[];
}

/** A refusal citing `ruleId`: the message opens with the rule and its wording, like the money rules' refusals. */
export function refusal(ruleId: RuleId, code: DecisionRefusal['code'], status: DecisionRefusal['status'], detail: string, field?: string): DecisionRefusal {
  return {
    code, status, ruleId, message: `${ruleId}「${RULES[ruleId].zh}」：${detail}`,
    violations: [violation(ruleId, detail, field)], ...(field ? { field } : {}),
  };
}

/** The step a position stands for, the applicant's revision included; undefined at a terminal. */
export function stepOf(def: ChainDefinition, position: string): StepDefinition | undefined {
  if (Object.prototype.hasOwnProperty.call(def.steps, position)) return def.steps[position];
  if (position === REVISION && def.revision) {
    return { zh: def.revision.zh, en: def.revision.en, roles: def.revision.roles, assignees: { kind: 'unit_clerks' }, quorum: 'any', actions: {} };
  }
  return undefined;
}

export const isTerminal = (def: ChainDefinition, position: string): boolean => Object.prototype.hasOwnProperty.call(def.terminals, position);

/** Whether the position is a step the chain's decide update decides (it has actions). */
export const isDecisionStep = (def: ChainDefinition, position: string): boolean =>
  Object.prototype.hasOwnProperty.call(def.steps, position) && Object.keys(def.steps[position].actions).length > 0;

/** Whether the workflow still waits on people at this position (a decision step or a return to the applicant). */
export const awaitsPeople = (def: ChainDefinition, position: string): boolean => isDecisionStep(def, position) || (position === REVISION && !!def.revision);

/** A position's label in both languages. */
export function chainPositionLabel(def: ChainDefinition, position: string): { zh: string; en: string } {
  const s = stepOf(def, position) ?? def.terminals[position];
  return s ? { zh: s.zh, en: s.en } : { zh: position, en: position };
}

/** The role `actor` decides the step in, or undefined if they hold none of its roles. */
export function chainActingRole(def: ChainDefinition, position: string, actor: Pick<Actor, 'roles'>): Role | undefined {
  return stepOf(def, position)?.roles.find((r) => actor.roles.includes(r));
}

/** The actions a step's task offers (and its e-mail links). */
export const stepActions = (def: ChainDefinition, step: string): string[] =>
  Object.prototype.hasOwnProperty.call(def.steps, step) ? Object.keys(def.steps[step].actions) : [];

const FIELD_WORDING: Record<DecisionField, { zh: string; en: string }> = {
  comment: { zh: '须填写理由', en: 'a reason is required' },
  meetingKind: { zh: '须注明常务会议或办公会议', en: 'say which meeting decided' },
  meetingReference: { zh: '须填写会议文号，如“县政府第12次常务会议”', en: 'the meeting reference is required' },
  resolutionReference: { zh: '须填写批复或备案文号（县人大常委会批复、上级政府备案）', en: 'the resolution or filing reference is required' },
};

/**
 * Whether `actor` may take `decision` at the subject's current step. `expected` is the step (and
 * round) the actor's task was opened for, so a decision made on an outdated screen is refused as
 * stale. Every refusal cites the step's rule (the chain's rule when the step names none).
 */
export function checkChainDecision(
  def: ChainDefinition, state: ChainState, actor: Actor, decision: DecisionInput, expected: { step: string; round?: number }, onBehalfOf?: string,
): DecisionRefusal | null {
  const here = chainPositionLabel(def, state.position);
  if (state.position !== expected.step || (expected.round !== undefined && state.round !== expected.round)) {
    return refusal(def.ruleId, 'stale_task', 409, `此任务已过期：${def.subject.zh}当前处于「${here.zh}」第${state.round}轮 / the ${def.subject.en} has moved on (now ${state.position}, round ${state.round})`);
  }
  if (state.position === REVISION) {
    return refusal(def.ruleId, 'action_not_allowed', 422, `退回修改的${def.subject.zh}由经办人重新提交或撤回 / a returned ${def.subject.en} is resubmitted or withdrawn by its unit`);
  }
  const step = stepOf(def, state.position);
  if (!step || !isDecisionStep(def, state.position)) {
    return refusal(def.ruleId, 'action_not_allowed', 422, `「${here.zh}」不通过审批决定办理 / ${state.position} is not decided as a task`);
  }
  const rule = step.ruleId ?? def.ruleId;
  if (!chainActingRole(def, state.position, actor)) {
    return refusal(rule, 'wrong_role', 403, `「${step.zh}」须由 ${step.roles.join(', ')} 办理 / this step is decided by ${step.roles.join(', ')}`);
  }
  const represented = onBehalfOf && onBehalfOf !== actor.userId ? onBehalfOf : undefined;
  if (represented && state.assignees.length && !state.assignees.includes(represented)) {
    return refusal(rule, 'not_assignee', 403, `被代理人不在「${step.zh}」的办理人名单中 / the person represented is not among those this step asks`);
  }
  if (step.quorum === 'all') {
    // The person counted is the one represented; the one deciding responds once per step, for one person.
    if (!represented && state.assignees.length && !state.assignees.includes(actor.userId)) {
      return refusal(rule, 'not_assignee', 403, `您不在「${step.zh}」的办理人名单中 / you are not among those this step asks`);
    }
    if (represented && state.agreed.includes(represented)) {
      return refusal(rule, 'already_decided', 409, `被代理人已就「${step.zh}」表态 / the person represented has already responded at this step`);
    }
    if (!represented && state.agreed.includes(actor.userId)) return refusal(rule, 'already_decided', 409, `您已就「${step.zh}」表态 / you have already responded at this step`);
    if ([...state.agreed, ...(state.responders ?? [])].includes(actor.userId)) {
      return refusal(rule, 'already_decided', 409, `您已在「${step.zh}」表态（本人或代他人），同一人在本环节只能表态一次；请将其余待办转交他人 / you have already responded at this step (for yourself or for someone else): one person responds once here; hand the other task over`);
    }
  }
  const action = step.actions[decision.action];
  if (!action) {
    return refusal(rule, 'action_not_allowed', 422, `「${step.zh}」不能执行「${DECISION_ACTIONS[decision.action].zh}」 / ${decision.action} is not possible at ${state.position}`, 'action');
  }
  if (decision.meetingKind && step.meetingKinds && !step.meetingKinds.includes(decision.meetingKind)) {
    const allowed = step.meetingKinds.map((k) => MEETING_KINDS[k].zh).join('、');
    return refusal(rule, 'action_not_allowed', 422, `「${step.zh}」须由${allowed}决定，${MEETING_KINDS[decision.meetingKind].zh}不能代替 / only ${step.meetingKinds.join(', ')} decides this step`, 'meetingKind');
  }
  for (const field of action.requires) {
    if (!decision[field]) return refusal(rule, 'missing_field', 422, `「${step.zh}」${FIELD_WORDING[field].zh} / ${FIELD_WORDING[field].en}`, field);
  }
  return null;
}

/**
 * Where an accepted decision leads, the effect it has, and the chain state after it (pure). `onBehalfOf`
 * is the assignee a substitute decided for: they are the one counted, the substitute the one who responded.
 */
export function applyChainDecision(
  def: ChainDefinition, state: ChainState, actorId: string, actionName: DecisionInput['action'], onBehalfOf?: string,
): { state: ChainState; effect?: string } {
  const step = def.steps[state.position];
  const action = step.actions[actionName]!;
  const destination = action.leadsTo === 'next' ? def.order[def.order.indexOf(state.position) + 1] : action.leadsTo;
  if (step.quorum === 'all' && action.leadsTo === 'next') {
    // Agreement moves on only once every assignee agreed; dissent decides at once.
    const agreed = [...state.agreed, onBehalfOf ?? actorId];
    if (!state.assignees.every((a) => agreed.includes(a))) {
      return { state: { ...state, agreed, ...(onBehalfOf ? { responders: [...(state.responders ?? []), actorId] } : {}), decided: true } };
    }
  }
  return { state: { ...stepReset(state), position: destination, decided: true }, ...(action.effect ? { effect: action.effect } : {}) };
}

/** The state as a new step finds it: nobody asked, agreed or responded yet. */
function stepReset(state: ChainState): ChainState {
  const { responders: _responders, ...rest } = state;
  return { ...rest, assignees: [], agreed: [] };
}

/** Who may act for the applicant: the unit's clerk, only on their own unit's subject. */
function checkApplicant(def: ChainDefinition, state: ChainState, actor: Actor, verb: { zh: string; en: string }): DecisionRefusal | null {
  const revision = def.revision;
  if (!revision) return refusal(def.ruleId, 'action_not_allowed', 422, `${def.subject.zh}不能${verb.zh} / a ${def.subject.en} cannot be ${verb.en}`);
  if (!revision.roles.some((r) => actor.roles.includes(r))) {
    return refusal(def.ruleId, 'wrong_role', 403, `只有预算单位经办人可以${verb.zh} / only the unit's clerk can ${verb.en}`);
  }
  if (actor.unitId !== state.unitId) return refusal(def.ruleId, 'not_own_unit', 403, `只能办理本单位的${def.subject.zh} / clerks act only on their own unit's ${def.subject.en}`);
  return null;
}

/** Whether `actor` may resubmit now: the unit's clerk, only after a return, only in the round they saw. */
export function checkResubmission(def: ChainDefinition, state: ChainState, actor: Actor, expectedRound?: number): DecisionRefusal | null {
  const who = checkApplicant(def, state, actor, { zh: '重新提交', en: 'resubmit' });
  if (who) return who;
  if (state.position !== REVISION) {
    return refusal(def.ruleId, 'stale_task', 409, `${def.subject.zh}当前处于「${chainPositionLabel(def, state.position).zh}」，不能重新提交 / only a returned ${def.subject.en} can be resubmitted (now ${state.position})`);
  }
  if (expectedRound !== undefined && expectedRound !== state.round) {
    return refusal(def.ruleId, 'stale_task', 409, `${def.subject.zh}已进入第${state.round}轮 / it is now in round ${state.round}`);
  }
  return null;
}

/** Whether `actor` may withdraw now: after a return, or (where the chain allows it) before anyone decided anything. */
export function checkWithdrawal(def: ChainDefinition, state: ChainState, actor: Actor): DecisionRefusal | null {
  const who = checkApplicant(def, state, actor, { zh: '撤回', en: 'withdraw' });
  if (who) return who;
  const early = !!def.revision?.withdrawBeforeFirstDecision && !state.decided && state.position === def.order[0];
  if (state.position !== REVISION && !early) {
    const when = def.revision?.withdrawBeforeFirstDecision ? '退回修改后或首次审批决定前' : '退回修改后';
    return refusal(def.ruleId, 'stale_task', 409, `${def.subject.zh}当前处于「${chainPositionLabel(def, state.position).zh}」，只能在${when}撤回 / it can be withdrawn only ${def.revision?.withdrawBeforeFirstDecision ? 'before the first decision or ' : ''}after a return (now ${state.position})`);
  }
  return null;
}

/** The chain state after a resubmission: a new round from the chain's resubmission step. */
export const applyResubmission = (def: ChainDefinition, state: ChainState): ChainState =>
  ({ ...stepReset(state), position: def.revision!.resubmitTo, round: state.round + 1 });

/** The chain state after a withdrawal. */
export const applyWithdrawal = (def: ChainDefinition, state: ChainState): ChainState =>
  ({ ...stepReset(state), position: def.revision!.withdrawTo, decided: true });
