import { z } from 'zod';
import { ZPositiveYuan } from './money';
import { Violation, violation } from './rules';
import { zText } from './text';
import { ZDerivedFiscalYear } from './china-calendar';

/**
 * R-B9 major spending-increase policies (重大增支政策): the drafting unit files the policy with its
 * yearly cost; the finance bureau assesses whether the county can afford it (财政可承受能力评估), the
 * executive meeting decides, the policy is filed with the higher-level government (备案), and only then
 * is it in force. An assessment that finds it unaffordable ends it for good.
 */

/** Where a policy stands in its chain. */
export const POLICY_STEPS = {
  affordability_assessment: { zh: '财政可承受能力评估', en: 'Affordability assessment' },
  executive_meeting: { zh: '县政府常务会议', en: 'Executive meeting' },
  higher_level_filing: { zh: '报上级政府备案', en: 'Filing with the higher-level government' },
} as const;
export type PolicyStep = keyof typeof POLICY_STEPS;

/** A policy's status; only `in_force` may be implemented (R-B9). */
export const POLICY_STATUSES = {
  in_review: { zh: '审批中', en: 'In review' },
  in_force: { zh: '已备案生效', en: 'In force' },
  not_affordable: { zh: '评估不具备实施条件，不得实施', en: 'Assessed unaffordable: never implemented' },
  rejected: { zh: '未获通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const;
export type PolicyStatus = keyof typeof POLICY_STATUSES;
export const ZPolicyStatus = z.enum(Object.keys(POLICY_STATUSES) as [PolicyStatus, ...PolicyStatus[]]);

/** The step shown for a policy that has left its chain: its status. */
export type PolicyPosition = PolicyStep | Exclude<PolicyStatus, 'in_review'>;
export const policyPositionLabel = (p: string): { zh: string; en: string } =>
  POLICY_STEPS[p as PolicyStep] ?? POLICY_STATUSES[p as PolicyStatus] ?? { zh: p, en: p };

/** What the drafting unit files. The fiscal year is the China year of filing, never typed. */
export const ZPolicyFiling = z.object({
  fiscalYear: ZDerivedFiscalYear,
  title: zText({ min: 2, max: 200, minMessage: '请填写政策名称 / give the policy’s title' }),
  summary: zText({ min: 10, max: 4000, minMessage: '请说明政策内容（不少于10字） / describe the policy (at least 10 characters)' }),
  /** what the policy costs the county each year (所需经费由县级财政承担) */
  yearlyCost: ZPositiveYuan,
  /** whom the policy is for and from when: free text the assessment reads */
  scope: zText({ max: 1000 }).default(''),
});
export type PolicyFiling = Omit<z.infer<typeof ZPolicyFiling>, 'fiscalYear'>;

/** The outcome of the finance bureau's affordability assessment. */
export const ASSESSMENT_OUTCOMES = {
  affordable: { zh: '具备实施条件', en: 'Affordable' },
  unaffordable: { zh: '不具备实施条件、存在风险隐患', en: 'Not affordable, risky' },
} as const;
export type AssessmentOutcome = keyof typeof ASSESSMENT_OUTCOMES;

/** The policy as the R-B9 check sees it. */
export interface PolicyState {
  number: string;
  title: string;
  status: string;
  step: string;
}

/**
 * R-B9 on a supplementary budget that implements a policy: the policy it names must exist and be in
 * force (assessed affordable, decided by the executive meeting and filed with the higher-level government).
 */
export function checkPolicyForBudget(policy: PolicyState | null, field = 'policyId'): Violation[] {
  if (!policy) {
    return [violation('R-B9', '所引用的重大增支政策不存在 / the policy named does not exist', field)];
  }
  const name = `${policy.number}「${policy.title}」`;
  switch (policy.status) {
    case 'in_force':
      return [];
    case 'in_review': {
      const at = policyPositionLabel(policy.step);
      return [violation('R-B9',
        `政策 ${name} 尚在${at.zh}环节，未报上级政府备案前不得执行 / policy ${policy.number} is still at ${at.en}; it cannot be implemented before it is filed with the higher-level government`, field)];
    }
    case 'not_affordable':
      return [violation('R-B9',
        `政策 ${name} 经评估认定不具备实施条件、存在风险隐患，一律不得实施 / policy ${policy.number} was assessed unaffordable and may never be implemented`, field)];
    default:
      return [violation('R-B9',
        `政策 ${name} ${POLICY_STATUSES[policy.status as PolicyStatus]?.zh ?? policy.status}，不得执行 / policy ${policy.number} is ${POLICY_STATUSES[policy.status as PolicyStatus]?.en ?? policy.status} and cannot be implemented`, field)];
  }
}

/** R-B9: a policy is in force only once the higher-level government's filing reference is recorded. */
export function checkPolicyGoesInForce(p: { status: string; step: string; filingReference?: string | null }): Violation[] {
  if (p.status !== 'in_review' || p.step !== 'higher_level_filing') {
    return [violation('R-B9', '政策须经财政可承受能力评估和县政府常务会议后，方可报上级政府备案 / a policy is filed only after the affordability assessment and the executive meeting', 'step')];
  }
  if (!p.filingReference?.trim()) {
    return [violation('R-B9', '须记录报上级政府备案的文号 / record the reference of the filing with the higher-level government', 'filingReference')];
  }
  return [];
}
