import { byRole, ChainDefinition, ZChainDefinition } from '../approval/definition';
import { POLICY_STATUSES, POLICY_STEPS } from '../policy';

/**
 * R-B9 as data: the finance bureau's affordability assessment (an unaffordable finding ends it: 不具备
 * 实施条件、存在风险隐患的支出政策，一律不得实施) → the county executive meeting (its kind and reference
 * recorded) → filing with the higher-level government (备案, its reference recorded) → in force.
 * Positions double as the policy row's `step`; terminals are its statuses.
 */
export const POLICY_CHAIN_DEFINITION: ChainDefinition = ZChainDefinition.parse({
  id: 'policy', version: 1, ruleId: 'R-B9', subject: { zh: '重大增支政策', en: 'spending-increase policy' },
  order: ['affordability_assessment', 'executive_meeting', 'higher_level_filing'],
  steps: {
    affordability_assessment: {
      ...POLICY_STEPS.affordability_assessment, roles: ['finance_reviewer'], assignees: byRole('finance_reviewer'),
      actions: {
        approve: { leadsTo: 'next', effect: 'assessed_affordable' },
        reject: { requires: ['comment'], leadsTo: 'not_affordable', effect: 'assessed_unaffordable' },
      },
    },
    executive_meeting: {
      ...POLICY_STEPS.executive_meeting, roles: ['meeting_secretary'], assignees: byRole('meeting_secretary'), meetingKinds: ['executive'],
      actions: {
        approve: { requires: ['meetingKind', 'meetingReference'], leadsTo: 'next', effect: 'meeting_recorded' },
        reject: { requires: ['comment', 'meetingKind', 'meetingReference'], leadsTo: 'rejected', effect: 'meeting_recorded' },
      },
    },
    // The county government's office files the policy upward, as it keeps the meeting's records.
    higher_level_filing: {
      ...POLICY_STEPS.higher_level_filing, roles: ['meeting_secretary'], assignees: byRole('meeting_secretary'),
      actions: {
        approve: { requires: ['resolutionReference'], leadsTo: 'in_force', effect: 'filed_in_force' },
        reject: { requires: ['comment'], leadsTo: 'rejected' },
      },
    },
  },
  terminals: { in_force: POLICY_STATUSES.in_force, not_affordable: POLICY_STATUSES.not_affordable, rejected: POLICY_STATUSES.rejected },
});
