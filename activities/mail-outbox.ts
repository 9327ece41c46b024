import { Counter } from 'prom-client';
import { Prisma, type PrismaClient } from '../prisma/client';
import { directQuery } from '../prisma/direct-sql';
import { logger } from '../observability/logger';
import { processRegistry } from '../observability/registry';

/**
 * Mail a transaction owes, kept as a `MailJob` row written by that transaction: a step's task
 * e-mails are owed by the statement that opens its tasks. The worker that wrote the row sends it at
 * once (`dispatch`); if that worker dies first, or the mail server is down, its sweeper sends it
 * later. So a step's mail costs its workflow no activity and no workflow task, and still cannot be
 * lost. Every job's mails are keyed (activities/mail.ts), so a job run twice sends each message once.
 */
export interface MailOutbox {
  /** the statement's part (a CTE body) that records the job; written in the transaction that owes it */
  insertSql(key: string, kind: string, input: unknown): Prisma.Sql;
  /**
   * sends a job its own transaction has just committed, without waiting; a failure leaves it to the
   * sweeper. `known` is what the writer already read for it (handed to the handler, never stored).
   */
  dispatch(key: string, kind: string, input: unknown, known?: unknown): void;
  /** what runs a kind of job (its mails are keyed, so running it again sends nothing twice); `known` only when dispatched */
  handle(kind: string, run: (input: never, known?: never) => Promise<unknown>): void;
  /** starts sweeping every `everyMs` */
  start(): void;
  /** stops sweeping and waits for the jobs under way */
  stop(): Promise<void>;
}

/** How long the worker that wrote (or swept) a job has it to itself before another may send it. */
const MAIL_JOB_LEASE_SECONDS = 120;

const runs = new Counter({
  name: 'mail_outbox_runs_total',
  help: 'Mail jobs run by the worker (a step\'s task e-mails), by kind and outcome: sent, or failed and left for the sweeper',
  labelNames: ['kind', 'outcome'] as const,
  registers: [processRegistry],
});

/** The wait before a failed job is tried again: 2, 4, 8… seconds, at most a minute (as the mail activities' retries did). */
const retryAfterSeconds = (attempts: number): number => Math.min(60, 2 ** Math.max(1, attempts));

export function createMailOutbox(prisma: PrismaClient, { everyMs = 3_000 }: { everyMs?: number } = {}): MailOutbox {
  const handlers = new Map<string, (input: never, known?: never) => Promise<unknown>>();
  const underWay = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;

  async function run(key: string, kind: string, input: unknown, attempts: number, known?: unknown): Promise<void> {
    const handler = handlers.get(kind);
    try {
      if (!handler) throw new Error(`no handler for mail job kind ${kind}`);
      await handler(input as never, known as never);
      await directQuery(prisma, `DELETE FROM "MailJob" WHERE key = $1`, [key]);
      runs.inc({ kind, outcome: 'sent' });
    } catch (err) {
      runs.inc({ kind, outcome: 'failed' });
      const retryIn = retryAfterSeconds(attempts + 1);
      logger.warn({ err, mailJob: key, kind, attempts: attempts + 1, retryIn }, 'mail job failed; the sweeper sends it later');
      await directQuery(prisma, `UPDATE "MailJob" SET attempts = attempts + 1, "lastError" = $2, "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => $3) WHERE key = $1`,
        [key, err instanceof Error ? err.message : String(err), retryIn]).catch((e) => logger.warn({ err: e, mailJob: key }, 'could not record the mail job\'s failure; its lease runs out and the sweeper sends it'));
    }
  }

  const track = (p: Promise<void>) => {
    underWay.add(p);
    void p.finally(() => underWay.delete(p));
  };

  /** Sends the jobs that are due now, one after another (the sweeper's tick). */
  async function sweep(): Promise<number> {
    // Claims due jobs for a lease, so two workers never send one job at the same time.
    const due = await directQuery<{ key: string; kind: string; input: unknown; attempts: number }>(prisma, `
      UPDATE "MailJob" SET "dueAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => $1)
      WHERE key IN (SELECT key FROM "MailJob" WHERE "dueAt" <= now() AT TIME ZONE 'UTC' ORDER BY "dueAt" LIMIT 50 FOR UPDATE SKIP LOCKED)
      RETURNING key, kind, input, attempts`, [MAIL_JOB_LEASE_SECONDS]);
    for (const job of due) {
      const p = run(job.key, job.kind, job.input, job.attempts);
      track(p);
      await p; // one after another: a sweep follows an outage, and the mail server has just come back
    }
    return due.length;
  }

  return {
    insertSql: (key, kind, input) => Prisma.sql`INSERT INTO "MailJob" (key, kind, input, "dueAt", "createdAt")
      VALUES (${key}, ${kind}, ${JSON.stringify(input)}::jsonb, now() AT TIME ZONE 'UTC' + make_interval(secs => ${MAIL_JOB_LEASE_SECONDS}), now() AT TIME ZONE 'UTC')
      ON CONFLICT (key) DO NOTHING`,
    dispatch(key, kind, input, known) {
      track(run(key, kind, input, 0, known));
    },
    handle(kind, run) {
      handlers.set(kind, run);
    },
    start() {
      if (timer) return;
      const tick = () => {
        if (sweeping) return;
        sweeping = sweep().catch((err) => {
          // The database is down: the next tick tries again.
          logger.warn({ err }, 'mail outbox: the sweep failed; the next one tries again');
          return 0;
        }).finally(() => { sweeping = undefined; });
      };
      tick();
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await sweeping;
      await Promise.all(underWay);
    },
  };
}
