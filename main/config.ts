import { z } from 'zod';
import { loadLoanLadder } from '../api/loans/ladder-config';
import { loadDutySettings } from './duty-config';
import { LOG_LEVELS, logger } from '../observability/logger';
import { TRACES_EXPORTERS } from '../observability/tracing';
import { readJsonConfigFile } from '../api/config-file';
import { parseWorkInterval, ZWorkingDayCalendar } from '../domain';

/**
 * Every setting, read once from the environment. Unset DATABASE_URL / TEMPORAL_ADDRESS / SMTP_HOST
 * mean "run the embedded one" (npm start); set them to point at real infrastructure.
 */
const ZConfig = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** the address the API listens on; 0.0.0.0 (or ::) serves other machines */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Express's `trust proxy` behind a reverse proxy: true, a hop count, or addresses such as loopback */
  TRUST_PROXY: z.string().optional().transform((v) => (v === undefined ? undefined : v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
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
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(500),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().default(1025),
  SMTP_SECURE: z.stringbool().default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().default('县财政局审批系统 <approvals@finance.county.local>'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** a session also ends after this many minutes without a request */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().positive().default(10),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  /** failed logins are counted over this window, which is also the longest a refusal lasts */
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** how long a task waits before its approvers are reminded: a duration ("3 days", "4 hours") or Chinese working days ("1 working day", "1 工作日") */
  APPROVAL_REMIND_AFTER: z.string().default('3 days'),
  /** the least time between two nudges (催办) of one request: working days or a duration, as APPROVAL_REMIND_AFTER */
  NUDGE_INTERVAL: z.string().refine((t) => parseWorkInterval(t) !== undefined, 'must be like "1 working day", "2 工作日", "4 hours" or "30 minutes"').default('1 working day'),
  /** JSON file with the loans' reminder/escalation ladder (domain/loan-ladder.ts), read once at start-up */
  LOAN_LADDER_FILE: z.string().optional(),
  /** a JSON file replacing the shipped holiday/调休 calendar (shape: domain/working-days.ts `ZWorkingDayCalendar`) */
  WORKING_DAY_CALENDAR_FILE: z.string().optional(),
  /** the largest file attached to a request or loan, in MB (stored in PostgreSQL: keep it modest) */
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(200).default(20),
  /** JSON file laid over the duty settings (report calendars and deadlines, R-B7 threshold, R-M4 hours): domain/duties.ts */
  DUTIES_FILE: z.string().optional(),
  /** key from which e-mail decision links are derived (HMAC); the worker needs it, `npm start` keeps one in DATA_DIR */
  EMAIL_ACTION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EMAIL_ACTION_TTL_DAYS: z.coerce.number().positive().default(7),
  /** observability (README "Operating it") */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** `npm start`: the loopback port of its worker process's /metrics, whose temporal_* series the API's /metrics includes */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).default(9464),
  OTEL_TRACES_EXPORTER: z.enum(TRACES_EXPORTERS).default('none'),
  OTEL_SERVICE_NAME: z.string().default('county-approvals'),
});

export type Config = z.infer<typeof ZConfig> & { PUBLIC_URL: string };

/** Parses the environment, or exits with a message naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) logger.fatal({ variable: issue.path.join('.') }, `config: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  logger.level = parsed.data.LOG_LEVEL;
  return { ...parsed.data, PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}` };
}

/** The holiday/调休 calendar working days are counted in: WORKING_DAY_CALENDAR_FILE, else the shipped one (undefined). */
export const workingDayCalendarOf = (config: Config) =>
  (config.WORKING_DAY_CALENDAR_FILE ? readJsonConfigFile('WORKING_DAY_CALENDAR_FILE', config.WORKING_DAY_CALENDAR_FILE, ZWorkingDayCalendar) : undefined);

/** The API's settings from the configuration (the ladder file is read here, so a bad one stops the start). */
export const apiSettings = (config: Config) => ({
  taskQueue: config.TEMPORAL_TASK_QUEUE, publicUrl: config.PUBLIC_URL, sessionTtlHours: config.SESSION_TTL_HOURS,
  remindAfter: config.APPROVAL_REMIND_AFTER, loanLadder: loadLoanLadder(config.LOAN_LADDER_FILE),
  host: config.HOST, trustProxy: config.TRUST_PROXY, sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
  loginLimits: { maxFailuresPerUser: config.LOGIN_MAX_FAILURES_PER_USER, maxFailuresPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS, windowMinutes: config.LOGIN_FAILURE_WINDOW_MINUTES },
  metricsToken: config.METRICS_TOKEN,
  attachmentMaxBytes: Math.round(config.ATTACHMENT_MAX_MB * 1024 * 1024),
  workingDayCalendar: workingDayCalendarOf(config),
  nudgeInterval: parseWorkInterval(config.NUDGE_INTERVAL),
  duties: loadDutySettings(config.DUTIES_FILE),
});
