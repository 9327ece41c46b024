import { z } from 'zod';
import { AGEING_BUCKETS, LOAN_STATUSES, ZDisbursement, ZLoanApplication, ZLoanFinding, ZIsoDate, ZRepayment, zText, ZIdText } from '../../domain';
import { ZYearNumber } from '../year-param';

export const ZCreateLoan = ZLoanApplication;
/** A resubmission: the revised application plus the round being revised, so an outdated form is refused. */
export const ZResubmitRound = z.object({ round: z.number().int().min(1).optional() });
/** A withdrawal: a reason, optional (the borrower may withdraw before anyone decided anything). */
export const ZWithdrawLoan = z.object({ comment: zText({ max: 2000 }).optional() });

export const ZListLoans = z.object({
  status: z.enum(LOAN_STATUSES).optional(),
  unitId: ZIdText.optional(),
  /** true: disbursed loans whose due date has come (R-L10); false: everything else */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** only the overdue loans of one ageing bucket, counted as the advances position counts them (R-M2) */
  overdueBucket: z.enum(AGEING_BUCKETS, { error: `逾期账龄须为 ${AGEING_BUCKETS.join('、')} 之一 / must be one of ${AGEING_BUCKETS.join(', ')}` }).optional(),
  /** true: loans with at least one R-L2 finding (money re-lent to an enterprise); false: loans without */
  finding: z.enum(['true', 'false'], { error: '须为 true 或 false / must be true or false' }).transform((v) => v === 'true').optional(),
  fiscalYear: ZYearNumber.optional(),
  /** the loan's step (finance_review, executive_meeting, disbursement, repayment, closed, rejected) */
  step: z.enum(['finance_review', 'executive_meeting', 'revision', 'disbursement', 'repayment', 'closed', 'rejected', 'withdrawn'], { error: '环节不存在 / unknown step' }).optional(),
  /** a number or words of the purpose */
  q: zText({ max: 100 }).optional(),
  /** filed from / to, China dates YYYY-MM-DD */
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  /** xlsx: the whole filtered list (limit and offset do not apply) as an Excel workbook */
  format: z.enum(['json', 'xlsx']).default('json'),
}).refine((q) => !(q.overdueBucket && q.overdue === false), {
  path: ['overdueBucket'], message: '逾期账龄只用于逾期借款，不能与 overdue=false 同用 / an ageing bucket lists overdue loans, not with overdue=false',
});
export type ListLoansQuery = z.infer<typeof ZListLoans>;

export const ZDisburseLoan = ZDisbursement;
export const ZRecordRepayment = ZRepayment;
/** R-L2 finding; the route checks it against the loan with `loanFindingSchema(bounds)` */
export const ZRecordFinding = ZLoanFinding;

export const ZSuspendDisbursements = z.object({ reason: zText({ min: 2, max: 2000, minMessage: 'a reason is required' }) });
export const ZResumeDisbursements = z.object({ reason: zText({ max: 2000 }).optional() });

export const ZYearParam = z.object({ fiscalYear: ZYearNumber });
