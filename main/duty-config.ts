import { DEFAULT_DUTY_SETTINGS, DutySettings, ZDutySettings } from '../domain';
import { overDefaults, readJsonConfigFile } from '../api/config-file';

/**
 * The county's duty settings: the defaults (domain/duties.ts) with whatever the JSON file DUTIES_FILE
 * sets laid over them (any part: one report's calendar, a deadline, the 金额较大 threshold...). Read
 * once at start-up; a bad file stops the start-up with the reason.
 */
export const loadDutySettings = (file: string | undefined): DutySettings =>
  (file ? readJsonConfigFile('DUTIES_FILE', file, overDefaults(DEFAULT_DUTY_SETTINGS, ZDutySettings)) : DEFAULT_DUTY_SETTINGS);
