import { z } from 'zod';

export const ZListFiled = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** paging deeper than this is a search's job (the request and loan lists), not the inbox's */
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type ListFiledQuery = z.infer<typeof ZListFiled>;
