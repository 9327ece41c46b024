import { z } from 'zod';
import { ZPositiveYuan, ZYuan, Yuan, toFen, fromFen, subYuan, addYuan } from './money';
import { Violation, violation } from './rules';
import { zText } from './text';
import { ZDerivedFiscalYear } from './china-calendar';

/** Spending categories of a supplementary-budget request. */
export const BUDGET_CATEGORIES = {
  three_guarantees_personnel: { zh: '三保：保工资', en: 'Three guarantees: wages', threeGuarantees: true },
  three_guarantees_operations: { zh: '三保：保运转', en: 'Three guarantees: operations', threeGuarantees: true },
  three_guarantees_livelihood: { zh: '三保：保基本民生', en: 'Three guarantees: basic livelihood', threeGuarantees: true },
  general_purpose: { zh: '一般性支出', en: 'General-purpose spending', threeGuarantees: false },
  project: { zh: '项目支出', en: 'Project spending', threeGuarantees: false },
  emergency: { zh: '应急支出', en: 'Emergency spending', threeGuarantees: false },
} as const;

export type BudgetCategory = keyof typeof BUDGET_CATEGORIES;
export const ZBudgetCategory = z.enum(Object.keys(BUDGET_CATEGORIES) as [BudgetCategory, ...BudgetCategory[]]);

/** The shortest justification R-B4 accepts for general-purpose spending. */
export const GENERAL_PURPOSE_MIN_JUSTIFICATION = 20;

export const ZDisbursementInstalment = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'),
  amount: ZPositiveYuan,
});

/** What a department files (and edits when it resubmits after a return). */
export const ZBudgetRequestContent = z.object({
  fiscalYear: ZDerivedFiscalYear,
  amount: ZPositiveYuan,
  category: ZBudgetCategory,
  purpose: zText({ min: 2, max: 500, minMessage: 'must describe what the money is for' }),
  justification: zText({ max: 4000 }).default(''),
  /** Optional R-B6 schedule; when absent the whole amount is scheduled in the month of execution. */
  disbursementPlan: z.array(ZDisbursementInstalment).min(1).max(24).optional(),
  /** R-B9: the major spending-increase policy this request implements, if any; it must be in force */
  policyId: zText({ min: 1, max: 100 }).optional(),
});
export type BudgetRequestContent = Omit<z.infer<typeof ZBudgetRequestContent>, 'fiscalYear'>;

/** Flags shown on every task and list entry: R-B5 priority and R-B4 general-purpose. */
export function budgetFlags(category: BudgetCategory): { threeGuarantees: boolean; generalPurpose: boolean } {
  return { threeGuarantees: BUDGET_CATEGORIES[category].threeGuarantees, generalPurpose: category === 'general_purpose' };
}

/** Rule checks that run on every filing and resubmission (R-B4, R-B6); `fiscalYear` is the request's (derived) year. */
export function checkBudgetContent(content: BudgetRequestContent, fiscalYear: number): Violation[] {
  const found: Violation[] = [];
  if (content.category === 'general_purpose' && content.justification.trim().length < GENERAL_PURPOSE_MIN_JUSTIFICATION) {
    found.push(violation('R-B4',
      `一般性支出须说明确需追加的理由（不少于${GENERAL_PURPOSE_MIN_JUSTIFICATION}字） / general-purpose spending needs a justification of at least ${GENERAL_PURPOSE_MIN_JUSTIFICATION} characters`,
      'justification'));
  }
  if (content.disbursementPlan) {
    const total = addYuan(...content.disbursementPlan.map((i) => i.amount));
    if (total !== content.amount) {
      found.push(violation('R-B6', `拨付计划合计 ${total} 元与申请金额 ${content.amount} 元不一致 / the schedule totals ${total}, not ${content.amount}`, 'disbursementPlan'));
    }
    const months = content.disbursementPlan.map((i) => i.month);
    if (months.some((m) => !m.startsWith(`${fiscalYear}-`))) {
      found.push(violation('R-B6', `拨付月份须在 ${fiscalYear} 预算年度内 / instalments must fall in fiscal year ${fiscalYear}`, 'disbursementPlan'));
    }
    if (new Set(months).size !== months.length) {
      found.push(violation('R-B6', '同一月份只能安排一次拨付 / one instalment per month', 'disbursementPlan'));
    }
  }
  return found;
}

/** A fiscal year's figures as the finance director set them, with what requests hold against them. */
export const ZFiscalYearFigures = z.object({
  generalBudgetExpenditure: ZYuan,
  fundBudgetExpenditure: ZYuan,
  availableResources: ZYuan,
});
export type FiscalYearFigures = z.infer<typeof ZFiscalYearFigures>;

/** Why a recorded year's figures change, and the document that says so: kept in the audit trail. */
export const ZFiscalYearChange = z.object({
  reason: z.string({ error: 'give the reason for changing the figures (变更原因)' }).trim().min(2, 'give the reason for changing the figures (变更原因，至少2个字)').max(1000),
  documentReference: z.string({ error: 'give the document the change rests on (依据文号)' }).trim().min(2, 'give the document the change rests on (依据文号，至少2个字)').max(200),
});
export type FiscalYearChange = z.infer<typeof ZFiscalYearChange>;

export interface FiscalCapacity {
  availableResources: Yuan;
  reserved: Yuan;
  committed: Yuan;
}

/** What is left of the available resources after reservations and commitments. */
export const remainingCapacity = (c: FiscalCapacity): Yuan => subYuan(subYuan(c.availableResources, c.reserved), c.committed);

/** R-B3: a request may pass finance review only if it fits what is left. */
export function checkFiscalCapacity(amount: Yuan, capacity: FiscalCapacity): Violation[] {
  const left = remainingCapacity(capacity);
  if (toFen(amount) <= toFen(left)) return [];
  const shown = fromFen(toFen(left) < 0n ? 0n : toFen(left));
  return [violation('R-B3', `申请 ${amount} 元超出剩余可用财力 ${shown} 元 / ${amount} exceeds the ${shown} left`, 'amount')];
}

/** The R-B6 schedule recorded at execution: the department's plan, or everything in `month`. */
export function disbursementSchedule(content: BudgetRequestContent, month: string): { seq: number; month: string; amount: Yuan }[] {
  const plan = content.disbursementPlan ?? [{ month, amount: content.amount }];
  return [...plan].sort((a, b) => a.month.localeCompare(b.month)).map((i, idx) => ({ seq: idx + 1, ...i }));
}
