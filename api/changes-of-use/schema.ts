import { z } from 'zod';
import { ZChangeOfUseRequest, ZChangeOfUseStatus, zText, ZIdText } from '../../domain';
import { ZYearNumber } from '../year-param';

export const ZFileChangeOfUse = ZChangeOfUseRequest;

export const ZListChangesOfUse = z.object({
  status: ZChangeOfUseStatus.optional(),
  unitId: ZIdText.optional(),
  fiscalYear: ZYearNumber.optional(),
  /** a number or words of either use */
  q: zText({ max: 100 }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
