import { z } from 'zod';
import { addYuan, compareYuan, fromFen, percentOf, shareOf, subYuan, toFen, Yuan, ZPositiveYuan } from './money';
import { Violation, violation } from './rules';
import { addDays, addMonths, daysBetween, IsoDate, oneYearAfter, ZDerivedFiscalYear, ZIsoDate } from './china-calendar';
import { zText } from './text';

/** The only two purposes R-L3 allows. */
export const LOAN_PURPOSES = {
  temporary_turnover: { zh: '临时性周转', en: 'Temporary turnover' },
  emergency_advance: { zh: '突发事件临时急需垫款', en: 'Emergency advance for an incident of wide social impact' },
} as const;
export type LoanPurpose = keyof typeof LOAN_PURPOSES;
export const isLoanPurpose = (p: string): p is LoanPurpose => Object.prototype.hasOwnProperty.call(LOAN_PURPOSES, p);

/** R-L4: no loan runs longer than a year. */
export const MAX_TERM_MONTHS = 12;

export const ZLoanInstalment = z.object({
  /** months after disbursement the instalment falls due */
  afterMonths: z.number().int().min(1).max(120),
  amount: ZPositiveYuan,
});

/**
 * What a borrower unit's clerk files. Rule-bearing fields (purpose, repayment source, term,
 * declaration, new-spending flag) are only shape-checked here, so that `checkLoanApplication`
 * can answer with every violated rule at once instead of a bare 400.
 */
export const ZLoanApplication = z.object({
  fiscalYear: ZDerivedFiscalYear,
  amount: ZPositiveYuan,
  purpose: zText({ max: 100 }),
  purposeDetails: zText({ min: 2, max: 2000, minMessage: 'must describe what the money is for' }),
  repaymentSource: zText({ max: 500 }).default(''),
  termMonths: z.number().int().min(1).max(600).optional(),
  requestedDueDate: ZIsoDate.optional(),
  instalmentPlan: z.array(ZLoanInstalment).min(1).max(24).optional(),
  /** R-L2: the borrower declares nothing is re-lent to an enterprise */
  noOnLendingDeclared: z.boolean().optional(),
  /** R-L9: whether the money would meet a new spending need (then it is refused) */
  fundsNewSpending: z.boolean({ error: 'say whether the loan meets a new spending need (true/false)' }),
}).refine((a) => !(a.termMonths !== undefined && a.requestedDueDate !== undefined), {
  message: 'give termMonths or requestedDueDate, not both', path: ['requestedDueDate'],
});
export type LoanApplication = Omit<z.infer<typeof ZLoanApplication>, 'fiscalYear'>;

/** The borrower as R-L1 sees it. */
export interface BorrowerUnit {
  level: string;
  kind: string;
}

/** R-L1 on the borrower alone, so a clerk of an ineligible unit is told before filling anything in. */
export function checkBorrower(borrower: BorrowerUnit): Violation[] {
  if (borrower.kind === 'enterprise') {
    return [violation('R-L1', '借款单位为企业，县财政不得向企业借款 / the borrower is an enterprise', 'unit')];
  }
  if (borrower.level !== 'first_level') {
    return [violation('R-L1', '借款单位不是县本级一级预算单位，应由其主管一级预算单位申请 / the borrower is not a first-level budget unit; its first-level unit must apply', 'unit')];
  }
  return [];
}

/** The shortest repayment-source description R-L5 accepts. */
export const MIN_REPAYMENT_SOURCE = 4;

/**
 * R-L1–R-L5 and R-L9 on an application, all at once, so the clerk sees every problem in one
 * answer. `today` (China date) lets R-L4 judge a requested due date.
 */
export function checkLoanApplication(app: LoanApplication, borrower: BorrowerUnit, { today }: { today?: IsoDate } = {}): Violation[] {
  const found: Violation[] = [...checkBorrower(borrower)];
  if (app.noOnLendingDeclared !== true) {
    found.push(violation('R-L2', '须声明借款资金不经本单位转借企业 / declare that nothing is re-lent to an enterprise', 'noOnLendingDeclared'));
  }
  if (!isLoanPurpose(app.purpose)) {
    const allowed = Object.entries(LOAN_PURPOSES).map(([k, v]) => `${k}（${v.zh}）`).join('、');
    found.push(violation('R-L3', `借款用途只能是：${allowed} / the purpose must be one of: ${Object.keys(LOAN_PURPOSES).join(', ')}`, 'purpose'));
  }
  found.push(...checkTerm(app, today));
  if (app.repaymentSource.trim().length < MIN_REPAYMENT_SOURCE) {
    found.push(violation('R-L5', `须写明还款来源（不少于${MIN_REPAYMENT_SOURCE}字） / state where the repayment comes from`, 'repaymentSource'));
  }
  if (app.instalmentPlan) {
    const total = addYuan(...app.instalmentPlan.map((i) => i.amount));
    if (total !== app.amount) {
      found.push(violation('R-L5', `分期还款计划合计 ${total} 元与借款金额 ${app.amount} 元不一致 / the instalments total ${total}, not ${app.amount}`, 'instalmentPlan'));
    }
    const limit = Math.min(app.termMonths ?? MAX_TERM_MONTHS, MAX_TERM_MONTHS);
    if (app.instalmentPlan.some((i) => i.afterMonths > limit)) {
      found.push(violation('R-L4', `分期还款须在借款期限（${limit}个月）内 / every instalment must fall within the term of ${limit} months`, 'instalmentPlan'));
    }
  }
  if (app.fundsNewSpending) {
    found.push(violation('R-L9', '借款不得用于解决新增支出需求，新增支出应按程序追加预算 / a loan cannot fund a new spending need; file a supplementary budget instead', 'fundsNewSpending'));
  }
  return found;
}

function checkTerm(app: LoanApplication, today?: IsoDate): Violation[] {
  if (app.termMonths === undefined && app.requestedDueDate === undefined) {
    return [violation('R-L4', '须填写借款期限（月）或约定还款日期 / give the term in months or the requested due date', 'termMonths')];
  }
  if (app.termMonths !== undefined && app.termMonths > MAX_TERM_MONTHS) {
    return [violation('R-L4', `借款期限 ${app.termMonths} 个月超过一年 / a term of ${app.termMonths} months exceeds one year`, 'termMonths')];
  }
  if (app.requestedDueDate !== undefined && today !== undefined) {
    if (app.requestedDueDate <= today) return [violation('R-L4', '约定还款日期须晚于今天 / the due date must be in the future', 'requestedDueDate')];
    if (app.requestedDueDate > oneYearAfter(today)) {
      return [violation('R-L4', `约定还款日期 ${app.requestedDueDate} 距今超过一年 / ${app.requestedDueDate} is more than a year away`, 'requestedDueDate')];
    }
  }
  return [];
}

/** How the loan's term was asked for, kept with the loan until the due date is fixed at disbursement. */
export interface LoanTerms {
  termMonths?: number;
  requestedDueDate?: IsoDate;
}

/**
 * R-L4: the due date fixed at disbursement on `disbursedOn`: the treasury officer's date, else
 * the requested date, else `termMonths` after disbursement (a year when nothing was asked for);
 * never more than a year after disbursement and never on or before it.
 */
export function fixDueDate(disbursedOn: IsoDate, terms: LoanTerms, chosen?: IsoDate): IsoDate {
  const latest = oneYearAfter(disbursedOn);
  const byTerm = addMonths(disbursedOn, Math.min(terms.termMonths ?? MAX_TERM_MONTHS, MAX_TERM_MONTHS));
  const candidate = chosen ?? terms.requestedDueDate ?? byTerm;
  if (candidate <= disbursedOn) return byTerm;
  return candidate > latest ? latest : candidate;
}

/** R-L4 on a due date the treasury officer chooses at disbursement. */
export function checkDueDate(disbursedOn: IsoDate, dueDate: IsoDate): Violation[] {
  if (dueDate <= disbursedOn) return [violation('R-L4', '还款日期须晚于放款日期 / the due date must come after disbursement', 'dueDate')];
  if (dueDate > oneYearAfter(disbursedOn)) {
    return [violation('R-L4', `还款日期 ${dueDate} 超过放款后一年（${oneYearAfter(disbursedOn)}） / ${dueDate} is more than a year after disbursement`, 'dueDate')];
  }
  return [];
}

/** The expenditure figures R-L8 is computed from. */
export interface AdvancesFigures {
  generalBudgetExpenditure: Yuan;
  fundBudgetExpenditure: Yuan;
}

/** R-L8: 5% of general public plus government fund budget expenditure, rounded down to the fen. */
export const advancesCap = (f: AdvancesFigures): Yuan => shareOf(addYuan(f.generalBudgetExpenditure, f.fundBudgetExpenditure), 5n, 100n);

/**
 * R-L8: whether `amount` fits under the cap next to what is outstanding and what approved loans
 * not yet disbursed already hold.
 */
export function checkAdvancesCap(outstanding: Yuan, reservedPending: Yuan, amount: Yuan, figures: AdvancesFigures): Violation[] {
  const cap = advancesCap(figures);
  const after = addYuan(outstanding, reservedPending, amount);
  if (compareYuan(after, cap) <= 0) return [];
  const room = subYuan(cap, addYuan(outstanding, reservedPending));
  return [violation('R-L8',
    `借款后暂付款将达 ${after} 元，超过上限 ${cap} 元（剩余额度 ${toFen(room) < 0n ? '0.00' : room} 元） / after this loan advances would be ${after}, over the cap of ${cap}`,
    'amount')];
}

/** The advances position of a fiscal year as the dashboard shows it (R-M2). */
export function advancesPosition(figures: AdvancesFigures, outstanding: Yuan, reserved: Yuan) {
  const cap = advancesCap(figures);
  const expenditure = addYuan(figures.generalBudgetExpenditure, figures.fundBudgetExpenditure);
  const held = addYuan(outstanding, reserved);
  const headroom = subYuan(cap, held);
  const overCap = toFen(headroom) < 0n;
  return {
    outstanding, reserved, cap, expenditure,
    /** outstanding plus approved-not-disbursed: what R-L8 measures against the cap */
    held,
    /** outstanding advances as a percentage of expenditure, to compare with the 5% of R-L8 */
    ratioPercent: percentOf(outstanding, expenditure),
    /** held advances as a percentage of expenditure: the figure R-L8 holds to 5% */
    heldPercent: percentOf(held, expenditure),
    headroom: overCap ? fromFen(0n) : headroom,
    /** the cap was lowered below what is already held (the director's figures are facts; loans already out stay out) */
    overCap,
    /** how far held advances exceed the cap; 0.00 within it */
    excess: overCap ? subYuan(held, cap) : fromFen(0n),
  };
}

/**
 * R-L8 as a warning when new fiscal-year figures put the cap below the advances already held:
 * the figures are still recorded, but no loan can be approved until advances are back within the cap.
 */
export function checkHeldAdvances(figures: AdvancesFigures, outstanding: Yuan, reserved: Yuan): Violation[] {
  const p = advancesPosition(figures, outstanding, reserved);
  if (!p.overCap) return [];
  return [violation('R-L8',
    `已占用暂付款 ${p.held} 元（未还 ${outstanding} 元 + 已批未放 ${reserved} 元）超过新上限 ${p.cap} 元，超出 ${p.excess} 元；回落到上限以内之前不能再批准借款`
    + ` / advances held (${p.held}: ${outstanding} outstanding + ${reserved} approved, not disbursed) exceed the new cap of ${p.cap} by ${p.excess}; no loan can be approved until they are back within it`,
    'generalBudgetExpenditure')];
}

export const AGEING_BUCKETS = ['0-30', '31-90', '90+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/**
 * R-M2 overdue ageing, in whole days overdue (`maxDays` null: no upper end). One table, so the
 * dashboard's buckets and the lists behind them cannot disagree.
 */
export const AGEING: Record<AgeingBucket, { minDays: number; maxDays: number | null; zh: string; en: string }> = {
  '0-30': { minDays: 0, maxDays: 30, zh: '逾期0–30天', en: '0–30 days overdue' },
  '31-90': { minDays: 31, maxDays: 90, zh: '逾期31–90天', en: '31–90 days overdue' },
  '90+': { minDays: 91, maxDays: null, zh: '逾期90天以上', en: 'over 90 days overdue' },
};

/** A loan is overdue from its due date on; day 0 is the due date itself (the ladder's overdue notice). */
export const daysOverdue = (dueDate: IsoDate, today: IsoDate): number => daysBetween(dueDate, today);
export const isOverdue = (dueDate: IsoDate, today: IsoDate): boolean => daysOverdue(dueDate, today) >= 0;

/** R-M2 overdue ageing: 0–30, 31–90, more than 90 days. */
export function ageingBucket(days: number): AgeingBucket {
  return AGEING_BUCKETS.find((b) => AGEING[b].maxDays === null || days <= AGEING[b].maxDays!)!;
}

/**
 * The due dates (inclusive) of the loans that are in `bucket` on `today`, so a database query can
 * select them; `from` is absent for the oldest bucket.
 */
export function ageingDueDates(bucket: AgeingBucket, today: IsoDate): { from?: IsoDate; to: IsoDate } {
  const { minDays, maxDays } = AGEING[bucket];
  return { to: addDays(today, -minDays), ...(maxDays === null ? {} : { from: addDays(today, -maxDays) }) };
}

/**
 * R-L10: the balance after a repayment; refuses nothing but zero or negative amounts and more
 * than is owed, which the caller turns into a refusal.
 */
export function applyRepayment(outstanding: Yuan, amount: Yuan): { ok: true; outstanding: Yuan; closed: boolean } | { ok: false; reason: 'not_positive' | 'over_repayment' } {
  if (toFen(amount) <= 0n) return { ok: false, reason: 'not_positive' };
  if (toFen(amount) > toFen(outstanding)) return { ok: false, reason: 'over_repayment' };
  const left = subYuan(outstanding, amount);
  return { ok: true, outstanding: left, closed: toFen(left) === 0n };
}
