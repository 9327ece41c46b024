import { z } from 'zod';
import { compareYuan, Yuan, ZPositiveYuan } from './money';
import { IsoDate, isIsoDate, ZIsoDate } from './china-calendar';
import { RULES } from './rules';
import { zText } from './text';

/**
 * R-L2 不得经预算单位再转借企业: the borrower declares it when applying; what the bureau later finds
 * is recorded against the loan as a finding. Messages are "中文 / English", so the API names each
 * bad field in both languages and the web form shows the reader's half.
 */

/** The roles that record findings: the finance bureau and the treasury that lent the money (auditors only read). */
export const FINDING_RECORDER_ROLES = ['finance_director', 'finance_reviewer', 'treasury_officer'] as const;

/** Loan statuses a finding can be recorded on: the money has gone out (and may be repaid since). */
export const FINDING_LOAN_STATUSES = ['disbursed', 'closed'] as const;

/** The flag lists and detail pages carry for a loan with at least one finding. */
export const ON_LENDING_FLAG = { ruleId: 'R-L2', zh: '转借企业', en: 'Re-lent to an enterprise', rule: RULES['R-L2'].zh } as const;

/** What the loan itself fixes about a finding: it cannot exceed the loan or predate its disbursement, nor lie in the future. */
export interface FindingBounds {
  loanAmount: Yuan;
  /** China date the loan was disbursed */
  disbursedOn: IsoDate;
  /** China date today */
  today: IsoDate;
}

/**
 * A finding's fields; with `bounds` (the loan's amount and disbursement date, today) also checked
 * against the loan, field by field, so every bad field is named at once.
 */
export function loanFindingSchema(bounds?: FindingBounds) {
  const amount = bounds
    ? ZPositiveYuan.refine((v) => compareYuan(v, bounds.loanAmount) <= 0, `转借金额不能超过借款金额 ${bounds.loanAmount} 元 / cannot exceed the loan amount of ${bounds.loanAmount}`)
    : ZPositiveYuan;
  const foundOn = bounds
    ? ZIsoDate
      .refine((d) => !isIsoDate(d) || d <= bounds.today, '发现日期不能晚于今天 / cannot be in the future')
      .refine((d) => !isIsoDate(d) || d >= bounds.disbursedOn, `发现日期不能早于放款日 ${bounds.disbursedOn} / cannot be before the disbursement on ${bounds.disbursedOn}`)
    : ZIsoDate;
  return z.object({
    /** what was found: how the money reached the enterprise, and how it came to light */
    description: zText({
      typeMessage: '请填写发现的情况 / describe what was found', min: 4, max: 2000,
      minMessage: '请写明发现的情况（不少于4字） / describe what was found (at least 4 characters)', maxMessage: '情况说明不超过2000字 / at most 2000 characters',
    }),
    /** the enterprise the money was re-lent to */
    enterprise: zText({
      typeMessage: '请填写企业名称 / name the enterprise', min: 2, max: 200,
      minMessage: '请填写转借的企业名称 / name the enterprise the money went to', maxMessage: '企业名称不超过200字 / at most 200 characters',
    }),
    /** how much of the loan was found re-lent, in yuan with two decimals */
    amount,
    /** the China date it was found */
    foundOn,
  });
}

/** A finding's shape alone (for OpenAPI and as the type); the API and the form parse with `loanFindingSchema(bounds)`. */
export const ZLoanFinding = loanFindingSchema();
export type LoanFindingInput = z.infer<typeof ZLoanFinding>;
