import { z } from 'zod';
import { ZBudgetRequestContent, zText, ZIdText, ZIsoDate } from '../../domain';
import { ZYearNumber } from '../year-param';

export const ZSubmitBudgetRequest = ZBudgetRequestContent;

export const ZResubmitBudgetRequest = ZBudgetRequestContent.extend({
  /** the round being revised, so an outdated form is refused */
  round: z.number().int().min(1).optional(),
});

export const ZWithdrawBudgetRequest = z.object({ comment: zText({ min: 1, max: 2000, minMessage: 'a reason is required' }) });

export const ZListBudgetRequests = z.object({
  status: z.enum(['in_review', 'returned', 'rejected', 'executed', 'withdrawn']).optional(),
  step: z.enum(['finance_review', 'leader_briefing', 'executive_meeting', 'npc_approval', 'revision', 'executed', 'rejected', 'withdrawn']).optional(),
  unitId: ZIdText.optional(),
  fiscalYear: ZYearNumber.optional(),
  /** a number or words of the purpose */
  q: zText({ max: 100 }).optional(),
  /** filed from / to, China dates YYYY-MM-DD */
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  /** xlsx: the whole filtered list (limit and offset do not apply) as an Excel workbook */
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type ListBudgetRequestsQuery = z.infer<typeof ZListBudgetRequests>;
