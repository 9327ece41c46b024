import { readFileSync } from 'node:fs';
import { DEFAULT_DUTY_SETTINGS, DutySettings, ZDutySettings } from '../domain';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const merge = (base: Json, over: Json): Json =>
  Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(over)])].map((k) => [k, isObject(base[k]) && isObject(over[k]) ? merge(base[k] as Json, over[k] as Json) : k in over ? over[k] : base[k]]));

/**
 * The county's duty settings: the defaults (domain/duties.ts) with whatever the JSON file DUTIES_FILE
 * sets laid over them (any part: one report's calendar, a deadline, the 金额较大 threshold...). Read
 * once at start-up; a bad file stops the start-up with the reason.
 */
export function loadDutySettings(file: string | undefined): DutySettings {
  if (!file) return DEFAULT_DUTY_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`config: DUTIES_FILE ${file}: ${(err as Error).message}`);
  }
  if (!isObject(raw)) throw new Error(`config: DUTIES_FILE ${file}: must be a JSON object`);
  const parsed = ZDutySettings.safeParse(merge(DEFAULT_DUTY_SETTINGS as unknown as Json, raw));
  if (!parsed.success) throw new Error(`config: DUTIES_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
