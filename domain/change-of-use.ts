import { z } from 'zod';
import { ZPositiveYuan } from './money';
import { Violation, violation } from './rules';
import { zText } from './text';
import { ZDerivedFiscalYear } from './china-calendar';
import { BUDGET_CATEGORIES, BudgetCategory, ZBudgetCategory } from './budget';

/**
 * R-B10 change of use (预算调剂): budgeted money moves from one use to another only by a request that
 * passes finance review, the leader in charge and the executive meeting (不得擅自改变用途); money meant
 * for the three guarantees (三保) is never moved to other uses.
 */

export const CHANGE_OF_USE_STEPS = {
  finance_review: { zh: '财政局审核', en: 'Finance review' },
  leader_in_charge: { zh: '分管领导审批', en: 'Leader in charge' },
  executive_meeting: { zh: '县政府常务会议', en: 'Executive meeting' },
} as const;
export type ChangeOfUseStep = keyof typeof CHANGE_OF_USE_STEPS;

export const CHANGE_OF_USE_STATUSES = {
  in_review: { zh: '审批中', en: 'In review' },
  approved: { zh: '已批准调剂', en: 'Approved' },
  rejected: { zh: '未获批准', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const;
export type ChangeOfUseStatus = keyof typeof CHANGE_OF_USE_STATUSES;
export const ZChangeOfUseStatus = z.enum(Object.keys(CHANGE_OF_USE_STATUSES) as [ChangeOfUseStatus, ...ChangeOfUseStatus[]]);

export const changeOfUsePositionLabel = (p: string): { zh: string; en: string } =>
  CHANGE_OF_USE_STEPS[p as ChangeOfUseStep] ?? CHANGE_OF_USE_STATUSES[p as ChangeOfUseStatus] ?? { zh: p, en: p };

/** What a unit files: where the money is budgeted now, where it should go, how much and why. */
export const ZChangeOfUseRequest = z.object({
  fiscalYear: ZDerivedFiscalYear,
  amount: ZPositiveYuan,
  /** the budget line the money leaves, and its category (三保 or not) */
  fromUse: zText({ min: 2, max: 200, minMessage: '请填写调出用途 / name the use the money leaves' }),
  fromCategory: ZBudgetCategory,
  /** the use the money should serve instead */
  toUse: zText({ min: 2, max: 200, minMessage: '请填写调入用途 / name the use the money goes to' }),
  toCategory: ZBudgetCategory,
  reason: zText({ min: 10, max: 2000, minMessage: '请说明调剂理由（不少于10字） / give the reason (at least 10 characters)' }),
}).refine((c) => c.fromUse !== c.toUse || c.fromCategory !== c.toCategory, {
  path: ['toUse'], message: '调入用途须与调出用途不同 / the new use must differ from the old one',
});
export type ChangeOfUseContent = Omit<z.infer<typeof ZChangeOfUseRequest>, 'fiscalYear'>;

/** Whether the money leaving `category` is 三保 money (R-B5). */
export const isThreeGuarantees = (category: BudgetCategory): boolean => BUDGET_CATEGORIES[category].threeGuarantees;

/**
 * R-B10: money meant for 三保 stays with 三保. A move between two 三保 uses (wages → basic livelihood)
 * keeps it there and may be asked for; a move out of 三保 to any other use is refused.
 */
export function checkChangeOfUse(c: Pick<ChangeOfUseContent, 'fromCategory' | 'toCategory'>): Violation[] {
  if (isThreeGuarantees(c.fromCategory) && !isThreeGuarantees(c.toCategory)) {
    const from = BUDGET_CATEGORIES[c.fromCategory];
    const to = BUDGET_CATEGORIES[c.toCategory];
    return [violation('R-B10',
      `「${from.zh}」资金属于三保资金，不得调剂用于「${to.zh}」等其他用途 / ${from.en} money is three-guarantees money and cannot be moved to ${to.en}`,
      'toCategory')];
  }
  return [];
}
