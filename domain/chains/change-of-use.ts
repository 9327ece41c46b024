import { byRole, ChainDefinition, ZChainDefinition } from '../approval/definition';
import { CHANGE_OF_USE_STATUSES, CHANGE_OF_USE_STEPS } from '../change-of-use';

/**
 * R-B10 as data: finance review → the unit's own leader in charge → the county executive meeting, whose
 * approval records the change (不得擅自改变用途). 三保 money leaving for other uses never gets here: it is
 * refused at filing. Positions double as the request row's `step`; terminals are its statuses.
 */
export const CHANGE_OF_USE_CHAIN_DEFINITION: ChainDefinition = ZChainDefinition.parse({
  id: 'change_of_use', version: 1, ruleId: 'R-B10', subject: { zh: '预算调剂', en: 'change of use' },
  order: ['finance_review', 'leader_in_charge', 'executive_meeting'],
  steps: {
    finance_review: {
      ...CHANGE_OF_USE_STEPS.finance_review, roles: ['finance_reviewer'], assignees: byRole('finance_reviewer'),
      actions: { approve: { leadsTo: 'next' }, reject: { requires: ['comment'], leadsTo: 'rejected' } },
    },
    // 'all' of one assignee: only the unit's own leader in charge may decide (any leader in charge when the unit names none).
    leader_in_charge: {
      ...CHANGE_OF_USE_STEPS.leader_in_charge, roles: ['leader_in_charge'], assignees: { kind: 'unit_leader' }, quorum: 'all',
      actions: { approve: { leadsTo: 'next' }, reject: { requires: ['comment'], leadsTo: 'rejected' } },
    },
    executive_meeting: {
      ...CHANGE_OF_USE_STEPS.executive_meeting, roles: ['meeting_secretary'], assignees: byRole('meeting_secretary'), meetingKinds: ['executive'],
      actions: {
        approve: { requires: ['meetingKind', 'meetingReference'], leadsTo: 'approved', effect: 'record_change' },
        reject: { requires: ['comment', 'meetingKind', 'meetingReference'], leadsTo: 'rejected' },
      },
    },
  },
  terminals: { approved: CHANGE_OF_USE_STATUSES.approved, rejected: CHANGE_OF_USE_STATUSES.rejected },
});
