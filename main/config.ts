import { z } from 'zod';
import { loadLoanLadder } from '../api/loans/ladder-config';

/**
 * Every setting, read once from the environment. Unset DATABASE_URL / TEMPORAL_ADDRESS / SMTP_HOST
 * mean "run the embedded one" (npm start); set them to point at real infrastructure.
 */
const ZConfig = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(5433),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('approvals'),
  TEMPORAL_DEV_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  TEMPORAL_CLI_PATH: z.string().optional(),
  /**
   * Workflows a worker keeps in memory between their tasks. Open loans sleep for months, so caching
   * all of them only costs memory (the SDK's default, from a 4 GB heap, is ~2,300); an evicted one is
   * replayed from its short history when it wakes. 1,000 covers the requests and loans being decided.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(1000),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().default(1025),
  SMTP_SECURE: z.stringbool().default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().default('县财政局审批系统 <approvals@finance.county.local>'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  APPROVAL_REMIND_AFTER: z.string().default('3 days'),
  /** JSON file with the loans' reminder/escalation ladder (domain/loan-ladder.ts), read once at start-up */
  LOAN_LADDER_FILE: z.string().optional(),
  /** key from which e-mail decision links are derived (HMAC); the worker needs it, `npm start` keeps one in DATA_DIR */
  EMAIL_ACTION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EMAIL_ACTION_TTL_DAYS: z.coerce.number().positive().default(7),
});

export type Config = z.infer<typeof ZConfig> & { PUBLIC_URL: string };

/** Parses the environment, or exits with a message naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`config: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  return { ...parsed.data, PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}` };
}

/** The API's settings from the configuration (the ladder file is read here, so a bad one stops the start). */
export const apiSettings = (config: Config) => ({
  taskQueue: config.TEMPORAL_TASK_QUEUE, publicUrl: config.PUBLIC_URL, sessionTtlHours: config.SESSION_TTL_HOURS,
  remindAfter: config.APPROVAL_REMIND_AFTER, loanLadder: loadLoanLadder(config.LOAN_LADDER_FILE),
});
