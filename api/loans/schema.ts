import { z } from 'zod';
import { ZIsoDate, ZLoanApplication, ZPositiveYuan } from '../../domain';

export const ZCreateLoan = ZLoanApplication;

export const ZListLoans = z.object({
  status: z.enum(['in_review', 'approved', 'disbursed', 'closed', 'rejected']).optional(),
  unitId: z.string().optional(),
  /** true: disbursed loans whose due date has come (R-L10); false: everything else */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  fiscalYear: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ZDisburseLoan = z.object({
  /** R-L7: the responsible lending officer; the disbursing treasury officer when absent */
  responsibleOfficerId: z.string().min(1).max(100).optional(),
  /** R-L4: a due date at most a year after today; otherwise it follows from the application */
  dueDate: ZIsoDate.optional(),
  reference: z.string().trim().min(1).max(200).optional(),
});

export const ZRecordRepayment = z.object({
  /** the payment's own reference (bank slip or voucher number): recording it again changes nothing */
  paymentId: z.string().trim().min(1).max(100),
  amount: ZPositiveYuan,
  paidOn: ZIsoDate,
  reference: z.string().trim().max(200).optional(),
});

export const ZSuspendDisbursements = z.object({ reason: z.string().trim().min(2, 'a reason is required').max(2000) });
export const ZResumeDisbursements = z.object({ reason: z.string().trim().max(2000).optional() });

export const ZYearParam = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100) });
