import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import type { Actor, DutySettings, LoanLadder, WorkInterval, WorkingDayCalendar } from '../domain';
import type { LoginLimits } from './auth/login-throttle';

/** What every route needs, handed in once when the app is built. */
export interface ApiDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  sessionTtlHours: number;
  /** minutes without a request after which a session ends (default 30) */
  sessionIdleMinutes?: number;
  /** failed-login limits per user and per address (default: DEFAULT_LOGIN_LIMITS) */
  loginLimits?: LoginLimits;
  /** Express's `trust proxy` setting, when a reverse proxy forwards the client's address */
  trustProxy?: boolean | number | string;
  remindAfter: string;
  /** the R-L10 reminder/escalation ladder new loans take a snapshot of */
  loanLadder: LoanLadder;
  /** how long a decision waits for the workflow before answering 503 `decision_pending` (default 30 s) */
  updateDeadlineMs?: number;
  /** China's holidays and 调休 weekends (default: domain/calendars, or WORKING_DAY_CALENDAR_FILE) */
  workingDayCalendar?: WorkingDayCalendar;
  /** the least time between two nudges (催办) of one request (default: 1 working day, NUDGE_INTERVAL) */
  nudgeInterval?: WorkInterval;
  /** the largest file a request or loan may carry, in bytes (default 20 MB: ATTACHMENT_MAX_MB) */
  attachmentMaxBytes?: number;
  /** the county's duty settings (reports, R-B7 transfers, R-M4 risk events); default DEFAULT_DUTY_SETTINGS */
  duties?: DutySettings;
}

export interface AuthedUser extends Actor {
  username: string;
  displayName: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthedUser;
  }
}
