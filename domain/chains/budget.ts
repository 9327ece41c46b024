import type { Actor } from '../roles';
import { ChainDefinition, ZChainDefinition } from '../approval/definition';
import {
  applyChainDecision, applyResubmission, applyWithdrawal, ChainState, checkChainDecision, checkResubmission, DecisionRefusal,
} from '../approval/engine';
import type { DecisionAction, DecisionInput } from '../approval/decision';
import { BUDGET_CHAIN, BUDGET_STEPS, BUDGET_TERMINALS, BudgetChainState, BudgetPosition } from '../budget-chain';

const label = ({ zh, en }: { zh: string; en: string }) => ({ zh, en });
const role = <R extends string>(r: R) => ({ kind: 'role' as const, role: r });

/**
 * R-B2 as data: finance review (reserves against available resources, R-B3) → briefing of every
 * principal leader and the unit's leader in charge (all must acknowledge; one objection returns it)
 * → executive or office meeting → NPC standing committee (commits) → executed. Reject ends it,
 * return sends it to the unit, which resubmits into the same request or withdraws.
 */
export const BUDGET_CHAIN_DEFINITION: ChainDefinition = ZChainDefinition.parse({
  id: 'budget', version: 2, ruleId: 'R-B2', subject: { zh: '追加预算', en: 'supplementary-budget' },
  order: BUDGET_CHAIN,
  steps: {
    finance_review: {
      ...label(BUDGET_STEPS.finance_review), roles: ['finance_reviewer'], assignees: role('finance_reviewer'),
      actions: {
        approve: { leadsTo: 'next', effect: 'reserve' },
        reject: { requires: ['comment'], leadsTo: 'rejected' },
        return: { requires: ['comment'], leadsTo: 'revision' },
      },
    },
    leader_briefing: {
      ...label(BUDGET_STEPS.leader_briefing), roles: ['leader_principal', 'leader_in_charge'], assignees: { kind: 'principals_and_unit_leader' }, quorum: 'all',
      actions: {
        acknowledge: { leadsTo: 'next' },
        object: { requires: ['comment'], leadsTo: 'revision', effect: 'release' },
      },
    },
    executive_meeting: {
      ...label(BUDGET_STEPS.executive_meeting), roles: ['meeting_secretary'], assignees: role('meeting_secretary'), meetingKinds: ['executive', 'office'],
      actions: {
        approve: { requires: ['meetingKind', 'meetingReference'], leadsTo: 'next' },
        reject: { requires: ['comment', 'meetingKind', 'meetingReference'], leadsTo: 'rejected', effect: 'release' },
        return: { requires: ['comment', 'meetingKind', 'meetingReference'], leadsTo: 'revision', effect: 'release' },
      },
    },
    npc_approval: {
      ...label(BUDGET_STEPS.npc_approval), roles: ['npc_liaison'], assignees: role('npc_liaison'),
      // the director hears when a request leaves the county government for the NPC (抄送), before it is executed
      copy: role('finance_director'),
      actions: {
        approve: { requires: ['resolutionReference'], leadsTo: 'executed', effect: 'commit' },
        reject: { requires: ['comment'], leadsTo: 'rejected', effect: 'release' },
        return: { requires: ['comment'], leadsTo: 'revision', effect: 'release' },
      },
    },
  },
  terminals: BUDGET_TERMINALS,
  revision: { ...label(BUDGET_STEPS.revision), roles: ['dept_clerk'], resubmitTo: 'finance_review', withdrawTo: 'withdrawn' },
});

// The budget chain's own view of the engine's state (its workflow's query has always answered in this shape).
export const toChainState = (s: BudgetChainState): ChainState => ({
  subjectId: s.requestId, unitId: s.unitId, position: s.position, round: s.round,
  assignees: s.briefingLeaders, agreed: s.acknowledged, decided: s.round > 1 || s.position !== 'finance_review',
});
export const fromChainState = (s: ChainState, briefingLeaders: string[]): BudgetChainState => ({
  requestId: s.subjectId, unitId: s.unitId, position: s.position as BudgetPosition, round: s.round, briefingLeaders, acknowledged: s.agreed,
});

const def = BUDGET_CHAIN_DEFINITION;

/** Whether `actor` may take `decision` on the request now (the engine's check on the R-B2 definition). */
export const checkDecision = (state: BudgetChainState, actor: Actor, decision: DecisionInput, expected: { step: string; round: number }): DecisionRefusal | null =>
  checkChainDecision(def, toChainState(state), actor, decision, expected);

/** Whether `actor` may resubmit (or withdraw) the request now: only its own unit's clerk, only after a return. */
export const checkRevision = (state: BudgetChainState, actor: Actor, expectedRound?: number): DecisionRefusal | null =>
  checkResubmission(def, toChainState(state), actor, expectedRound);

/** Applies an accepted decision, resubmission or withdrawal to the chain state (pure). */
export function applyDecision(state: BudgetChainState, actorId: string, action: DecisionAction): BudgetChainState {
  const s = toChainState(state);
  if (action === 'resubmit') return fromChainState(applyResubmission(def, s), state.briefingLeaders);
  if (action === 'withdraw') return fromChainState(applyWithdrawal(def, s), state.briefingLeaders);
  return fromChainState(applyChainDecision(def, s, actorId, action).state, state.briefingLeaders);
}

/** The position after `decision`, for decisions checkDecision accepted. */
export const nextPosition = (state: BudgetChainState, actorId: string, action: DecisionAction): BudgetPosition => applyDecision(state, actorId, action).position;

