import { z } from 'zod';
import { ZRole } from '../roles';
import { RULES, RuleId } from '../rules';

/**
 * An approval chain as data: its steps, who acts at each (roles, how the assignees are found, the
 * quorum), the actions a step allows with the fields each requires, where each leads, the effect the
 * transition has and the rule it cites. A workflow takes a snapshot of its chain's definition when the
 * subject is filed, so a changed definition never disturbs a running request.
 */

export const DECISION_FIELDS = ['comment', 'meetingKind', 'meetingReference', 'resolutionReference'] as const;
export const ZDecisionField = z.enum(DECISION_FIELDS);
export type DecisionField = z.infer<typeof ZDecisionField>;

export const CHAIN_ACTIONS = ['approve', 'reject', 'return', 'acknowledge', 'object'] as const;
export const ZChainAction = z.enum(CHAIN_ACTIONS);
export type ChainAction = z.infer<typeof ZChainAction>;

const ZRuleId = z.string().refine((id): id is RuleId => Object.prototype.hasOwnProperty.call(RULES, id), 'unknown rule id');
const ZLabel = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** How a step's assignees are found (activities/approval/assignees.ts resolves each kind). */
export const ZAssigneeRule = z.discriminatedUnion('kind', [
  /** everyone holding the role */
  z.object({ kind: z.literal('role'), role: ZRole }),
  /** every principal leader plus the subject unit's own leader in charge (every leader in charge if it names none) */
  z.object({ kind: z.literal('principals_and_unit_leader') }),
  /** the subject unit's own leader in charge (every leader in charge if it names none) */
  z.object({ kind: z.literal('unit_leader') }),
  /** the subject unit's clerks (the filing clerk if the unit has none) */
  z.object({ kind: z.literal('unit_clerks') }),
]);
export type AssigneeRule = z.infer<typeof ZAssigneeRule>;

/** The assignee rule "everyone holding `role`". */
export const byRole = <R extends string>(role: R) => ({ kind: 'role' as const, role });

export const ZActionDefinition = z.object({
  /** fields the decision must carry, each refused citing the step's rule when missing */
  requires: z.array(ZDecisionField).default([]),
  /** `next` (the following step of `order`), a step, a terminal, or `revision` (back to the applicant) */
  leadsTo: z.string().min(1),
  /** the named side effect of the transition, carried out by the chain's activities (e.g. reserve, release) */
  effect: z.string().min(1).optional(),
});
export type ActionDefinition = z.infer<typeof ZActionDefinition>;

export const ZStepDefinition = ZLabel.extend({
  roles: z.array(ZRole).min(1),
  assignees: ZAssigneeRule,
  /** any: one decision decides the step; all: every assignee must agree (one dissent decides at once) */
  quorum: z.enum(['any', 'all']).default('any'),
  /** decided through the chain's decide update; an empty map is a task decided by its own command (e.g. disbursement) */
  actions: z.partialRecord(ZChainAction, ZActionDefinition),
  /** meeting kinds this step accepts when it records one (R-L6: only the executive meeting) */
  meetingKinds: z.array(z.enum(['executive', 'office'])).optional(),
  /** the rule the step enforces; refusals at this step cite it (the chain's rule when absent) */
  ruleId: ZRuleId.optional(),
  /** 抄送: who is copied for information when the step opens (they read the subject and get an e-mail, never act); absent in older snapshots */
  copy: ZAssigneeRule.optional(),
});
export type StepDefinition = z.infer<typeof ZStepDefinition>;

export const ZChainDefinition = z.object({
  /** the subject type this chain decides (Task.subjectType) */
  id: z.string().min(1),
  /** bumped on every change, so histories and reports can tell which definition a request ran under */
  version: z.number().int().positive(),
  /** the rule the chain as a whole implements, cited by every refusal */
  ruleId: ZRuleId,
  /** what is being decided, e.g. 追加预算 / supplementary budget */
  subject: ZLabel,
  steps: z.record(z.string(), ZStepDefinition),
  /** the steps a filed subject walks, in order; `next` follows it */
  order: z.array(z.string()).min(1),
  terminals: z.record(z.string(), ZLabel),
  /** the applicant's side: return for revision, resubmission into the same subject, withdrawal */
  revision: ZLabel.extend({
    roles: z.array(ZRole).min(1),
    /** where a resubmission goes */
    resubmitTo: z.string(),
    /** the terminal a withdrawal ends in */
    withdrawTo: z.string(),
    /** whether the applicant may also withdraw while the first step waits for its first decision */
    withdrawBeforeFirstDecision: z.boolean().default(false),
  }).optional(),
}).superRefine((d, ctx) => {
  const known = (to: string) => to === 'next' || (to === 'revision' && !!d.revision) || to in d.steps || to in d.terminals;
  for (const s of d.order) if (!(s in d.steps)) ctx.addIssue({ code: 'custom', message: `order names unknown step ${s}`, path: ['order'] });
  for (const [name, step] of Object.entries(d.steps)) {
    for (const [action, a] of Object.entries(step.actions)) {
      if (!known(a!.leadsTo)) ctx.addIssue({ code: 'custom', message: `${name}.${action} leads to unknown ${a!.leadsTo}`, path: ['steps', name, 'actions', action] });
      if (a!.leadsTo === 'next' && d.order.indexOf(name) === d.order.length - 1) {
        ctx.addIssue({ code: 'custom', message: `${name}.${action}: the last step has no next`, path: ['steps', name, 'actions', action] });
      }
    }
  }
  if (d.revision) {
    if (!(d.revision.resubmitTo in d.steps)) ctx.addIssue({ code: 'custom', message: 'resubmitTo names no step', path: ['revision', 'resubmitTo'] });
    if (!(d.revision.withdrawTo in d.terminals)) ctx.addIssue({ code: 'custom', message: 'withdrawTo names no terminal', path: ['revision', 'withdrawTo'] });
  }
});
export type ChainDefinition = z.infer<typeof ZChainDefinition>;

/** The position of a subject returned to its applicant. */
export const REVISION = 'revision';
