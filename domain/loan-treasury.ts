import { z } from 'zod';
import { ZPositiveYuan } from './money';
import { ZIsoDate } from './china-calendar';
import { zText, ZIdText } from './text';

/**
 * What the treasury enters on a loan: the disbursement instruction and a repayment. Shapes only;
 * the rules (R-L4, R-L7, R-L8, R-L10) are judged by `checkDisbursement` / `checkRepayment`. The
 * web forms parse with the same schemas as the API.
 */
export const ZDisbursement = z.object({
  /** R-L7: the responsible lending officer; the disbursing treasury officer when absent */
  responsibleOfficerId: ZIdText.optional(),
  /** R-L4: a due date at most a year after today; otherwise it follows from the application */
  dueDate: ZIsoDate.optional(),
  reference: zText({ min: 1, max: 200 }).optional(),
});
export type Disbursement = z.infer<typeof ZDisbursement>;

export const ZRepayment = z.object({
  /** the payment's own reference (bank slip or voucher number): recording it again changes nothing */
  paymentId: zText({ min: 1, max: 100 }),
  amount: ZPositiveYuan,
  paidOn: ZIsoDate,
  reference: zText({ max: 200 }).optional(),
});
export type Repayment = z.infer<typeof ZRepayment>;
