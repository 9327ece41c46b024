/**
 * `npm start`: the whole product on one machine. Embedded PostgreSQL unless DATABASE_URL is set,
 * the Temporal dev server unless TEMPORAL_ADDRESS is set, a local mail catcher unless SMTP_HOST is
 * set; then migrations, demo data, the worker and the API. Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { apiSettings, loadConfig, workingDayCalendarOf } from './config';
import { migrate, startEmbeddedPostgres } from './postgres';
import { startTemporalDevServer } from './temporal-dev';
import { startMailCatcher } from './mail-catcher';
import { createTemporalClient, createWorker, startApi } from './runtime';
import { runReconciler } from '../api/start-workflows';
import { ensureSchedules } from './schedules';
import { loadDutySettings } from './duty-config';
import { createPrisma } from '../prisma/client';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../prisma/seed';
import { logger } from '../observability/logger';
import { setupTracing } from '../observability/tracing';

async function main() {
  const config = loadConfig();
  const stops: (() => Promise<unknown>)[] = [];
  const shutdown = async (code = 0) => {
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'while stopping'));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  try {
    const tracing = setupTracing({ exporter: config.OTEL_TRACES_EXPORTER, serviceName: config.OTEL_SERVICE_NAME });
    stops.push(tracing.shutdown);
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: join(config.DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT });
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    await migrate(databaseUrl);
    const prisma = createPrisma(databaseUrl);
    stops.push(() => prisma.$disconnect());
    await seedDemo(prisma);

    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUi = 'the Temporal Web UI of your cluster';
    if (!temporalAddress) {
      const dev = await startTemporalDevServer({ dbFile: join(config.DATA_DIR, 'temporal.db'), port: config.TEMPORAL_DEV_PORT, uiPort: config.TEMPORAL_UI_PORT, namespace: config.TEMPORAL_NAMESPACE });
      stops.push(dev.stop);
      temporalAddress = dev.address;
      temporalUi = dev.uiUrl;
    }

    let smtpHost = config.SMTP_HOST;
    let mailNote = `SMTP ${config.SMTP_HOST}:${config.SMTP_PORT}`;
    if (!smtpHost) {
      const catcher = await startMailCatcher({ port: config.SMTP_PORT, dir: join(config.DATA_DIR, 'mail') });
      stops.push(catcher.stop);
      smtpHost = '127.0.0.1';
      mailNote = `every e-mail is saved as .eml in ${catcher.dir}`;
    }

    const { worker, connection } = await createWorker({
      address: temporalAddress, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, prisma,
      smtp: { host: smtpHost, port: config.SMTP_PORT, secure: config.SMTP_SECURE, user: config.SMTP_USER, pass: config.SMTP_PASS, from: config.MAIL_FROM },
      publicUrl: config.PUBLIC_URL, maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS, workflowSpans: config.OTEL_TRACES_EXPORTER !== 'none',
      emailActions: { secret: config.EMAIL_ACTION_SECRET ?? localSecret(join(config.DATA_DIR, 'email-action.secret')), ttlDays: config.EMAIL_ACTION_TTL_DAYS },
      duties: loadDutySettings(config.DUTIES_FILE), workingDayCalendar: workingDayCalendarOf(config),
    });
    const running = worker.run();
    // The SDK already stops the worker on SIGINT/SIGTERM; only stop it ourselves if it is still running.
    stops.push(async () => { if (worker.getState() === 'RUNNING') worker.shutdown(); await running; await connection.close(); });

    const temporal = await createTemporalClient(temporalAddress, config.TEMPORAL_NAMESPACE);
    stops.push(() => temporal.connection.close());
    stops.push(async () => stopReconciler());
    const stopReconciler = runReconciler({ prisma, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, remindAfter: config.APPROVAL_REMIND_AFTER, workingDayCalendar: workingDayCalendarOf(config) });
    // The county's Temporal Schedules (China time): the daily advances check and the year turn.
    await ensureSchedules(temporal, config.TEMPORAL_TASK_QUEUE, '', loadDutySettings(config.DUTIES_FILE), workingDayCalendarOf(config));
    const server = await startApi({ port: config.PORT, prisma, temporal, ...apiSettings(config) });
    stops.push(() => new Promise((r) => server.close(() => r(undefined))));

    logger.info({ webApp: config.PUBLIC_URL, api: `${config.PUBLIC_URL}/api`, metrics: `${config.PUBLIC_URL}/metrics`, temporalUi }, 'county finance approvals is running');
    // The banner is for the person at the terminal; stdout stays JSON lines (pipe it to jq or a log shipper).
    process.stderr.write([
      '',
      '县级财政审批系统已启动 / County finance approvals is running',
      `  Web app:          ${config.PUBLIC_URL}`,
      `  API:              ${config.PUBLIC_URL}/api`,
      `  OpenAPI:          ${config.PUBLIC_URL}/api/openapi.json  (docs: ${config.PUBLIC_URL}/api/docs)`,
      `  Temporal Web UI:  ${temporalUi}`,
      `  Mail:             ${mailNote}`,
      `  Demo accounts (password "${DEMO_PASSWORD}"):`,
      ...DEMO_USERS.map((u) => `    ${u.username.padEnd(18)} ${u.roles.join(', ').padEnd(20)} ${u.displayName}`),
      '',
      'Ctrl-C stops everything; data is kept in ' + config.DATA_DIR,
      '',
    ].join('\n'));
  } catch (err) {
    logger.fatal({ err }, 'start failed');
    await shutdown(1);
  }
}

/** The secret of e-mail decision links on this machine: made once and kept with the data, so links survive a restart. */
function localSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(file, '..'), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

void main();
