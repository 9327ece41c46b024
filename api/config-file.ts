import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Reads a JSON file a configuration variable names and checks it; a bad file stops the start-up naming the variable and the reason. */
export function readJsonConfigFile<S extends z.ZodType>(variable: string, file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`config: ${variable} ${file}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`config: ${variable} ${file}: ${parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')}`);
  return parsed.data;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const overlay = (base: Json, over: Json): Json =>
  Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(over)])].map((k) => [k, isObject(base[k]) && isObject(over[k]) ? overlay(base[k] as Json, over[k] as Json) : k in over ? over[k] : base[k]]));

/** `schema` for a file that sets only what differs from `defaults`: the file's object is laid over them, key by key, before the check. */
export const overDefaults = <S extends z.ZodType>(defaults: z.infer<S>, schema: S) =>
  z.preprocess((raw) => (isObject(raw) && isObject(defaults) ? overlay(defaults, raw) : raw), schema);
