import { z } from 'zod';
import { ADVANCE_KINDS, ZIsoDate, ZPositiveYuan } from '../../domain';

/** A repayment or write-off of an opening-stock advance; the same paymentId again changes nothing. */
export const ZAdvanceMovement = z.object({
  paymentId: z.string().trim().min(1, 'a payment reference is required').max(100),
  amount: ZPositiveYuan,
  on: ZIsoDate,
  reference: z.string().trim().max(200).optional(),
});

export const ZLedgerQuery = z.object({
  origin: z.enum(['loan', 'opening_stock']).optional(),
  kind: z.enum(Object.keys(ADVANCE_KINDS) as ['compliant', 'irregular']).optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LedgerQuery = z.infer<typeof ZLedgerQuery>;
