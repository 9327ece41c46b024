import type { z } from 'zod';
import { badRequest } from './errors';

/** Parses `input` with `schema` or throws a 400 naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw badRequest(result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })));
}
