import { z } from 'zod';

/** A fiscal year in a path or query string; the bounds also keep PostgreSQL's int4 columns out of reach (400, not 500). */
export const ZYearNumber = z.coerce.number({ error: '须为年份，如 2026 / must be a year, e.g. 2026' }).int().min(2000).max(2100);
