import { z } from 'zod';
import { ZPolicyFiling, ZPolicyStatus, zText, ZIdText } from '../../domain';
import { ZYearNumber } from '../year-param';

export const ZFilePolicy = ZPolicyFiling;

export const ZListPolicies = z.object({
  status: ZPolicyStatus.optional(),
  unitId: ZIdText.optional(),
  fiscalYear: ZYearNumber.optional(),
  /** a number or words of the title */
  q: zText({ max: 100 }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListPoliciesQuery = z.infer<typeof ZListPolicies>;
