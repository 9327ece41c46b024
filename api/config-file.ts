import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Reads a JSON file a configuration variable names and checks it; a bad file stops the start-up naming the variable and the reason. */
export function readJsonConfigFile<S extends z.ZodType>(variable: string, file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`config: ${variable} ${file}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`config: ${variable} ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
