import type { Actor } from '../roles';
import { ChainDefinition, ZChainDefinition } from '../approval/definition';
import { ChainState, checkChainDecision, DecisionRefusal } from '../approval/engine';
import type { DecisionInput } from '../approval/decision';
import { LOAN_POSITIONS, LOAN_STEPS } from '../loan-chain';

const label = ({ zh, en }: { zh: string; en: string }) => ({ zh, en });

/**
 * The loan's approval as data: finance review (reserves the amount under the county's 5% cap, R-L8)
 * → county executive meeting (R-L6: only the executive meeting, its reference recorded) → the
 * treasury's disbursement, a task decided by its own command (R-L7, R-L4). Either step may reject or
 * return the loan to the borrower, who resubmits into the same loan or withdraws; the borrower may
 * also withdraw before anyone has decided anything.
 */
export const LOAN_CHAIN_DEFINITION: ChainDefinition = ZChainDefinition.parse({
  id: 'loan', version: 1, ruleId: 'R-L6', subject: { zh: '借款', en: 'loan' },
  order: ['finance_review', 'executive_meeting'],
  steps: {
    finance_review: {
      ...label(LOAN_STEPS.finance_review), roles: ['finance_reviewer'], assignees: { kind: 'role', role: 'finance_reviewer' },
      actions: {
        approve: { leadsTo: 'next', effect: 'reserve_advance' },
        reject: { requires: ['comment'], leadsTo: 'rejected' },
        return: { requires: ['comment'], leadsTo: 'revision' },
      },
    },
    executive_meeting: {
      ...label(LOAN_STEPS.executive_meeting), roles: ['meeting_secretary'], assignees: { kind: 'role', role: 'meeting_secretary' }, meetingKinds: ['executive'],
      actions: {
        approve: { requires: ['meetingReference'], leadsTo: 'disbursement' },
        reject: { requires: ['comment', 'meetingReference'], leadsTo: 'rejected', effect: 'release_advance' },
        return: { requires: ['comment', 'meetingReference'], leadsTo: 'revision', effect: 'release_advance' },
      },
    },
    disbursement: { ...label(LOAN_STEPS.disbursement), roles: ['treasury_officer'], assignees: { kind: 'role', role: 'treasury_officer' }, actions: {} },
  },
  terminals: { rejected: LOAN_POSITIONS.rejected, withdrawn: LOAN_POSITIONS.withdrawn },
  revision: { ...label(LOAN_POSITIONS.revision), roles: ['dept_clerk'], resubmitTo: 'finance_review', withdrawTo: 'withdrawn', withdrawBeforeFirstDecision: true },
});

/** What the loan's unit tests and callers pass: a loan at a position (round 1 unless said). */
export interface LoanDecisionState { loanId: string; unitId: string; position: string; round?: number }

/** Whether `actor` may take `decision` at the loan's finance review or executive meeting now. */
export const checkLoanDecision = (state: LoanDecisionState, actor: Actor, decision: DecisionInput, expected: { step: string; round?: number }): DecisionRefusal | null => {
  const s: ChainState = { subjectId: state.loanId, unitId: state.unitId, position: state.position, round: state.round ?? 1, assignees: [], agreed: [], decided: false };
  return checkChainDecision(LOAN_CHAIN_DEFINITION, s, actor, decision, expected);
};
