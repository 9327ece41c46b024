/**
 * `npm start`: the whole product on one machine. Embedded PostgreSQL unless DATABASE_URL is set,
 * the Temporal dev server unless TEMPORAL_ADDRESS is set, a local mail catcher unless SMTP_HOST is
 * set; then migrations, demo data, the worker (a child process: main/worker-process.ts) and the API.
 * Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { apiSettings, loadConfig, workingDayCalendarOf } from './config';
import { leaveSignalsToCaller, migrate, startEmbeddedPostgres } from './postgres';
import { startTemporalDevServer } from './temporal-dev';
import { startMailCatcher } from './mail-catcher';
import { createTemporalClient, startApi } from './runtime';
import { startWorkerProcess } from './worker-process';
import { workerTemporalSeries } from '../observability/worker-metrics';
import { ensureSchedules } from './schedules';
import { loadDutySettings } from './duty-config';
import { createPrisma } from '../prisma/client';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../prisma/seed';
import { logger } from '../observability/logger';
import { setupTracing } from '../observability/tracing';

async function main() {
  const config = loadConfig();
  const stops: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'while stopping'));
    process.exit(code);
  };
  // `on`, not `once`: a second signal while stopping must not fall through to tsx's default of exiting at once.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGHUP', () => void shutdown());

  try {
    const tracing = setupTracing({ exporter: config.OTEL_TRACES_EXPORTER, serviceName: config.OTEL_SERVICE_NAME });
    stops.push(tracing.shutdown);
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: join(config.DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT });
      stops.push(pg.stop);
      leaveSignalsToCaller();
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

    // The worker in a process of its own (it also runs the reconciler); its settings as a deployment's worker gets them.
    const workerProcess = await startWorkerProcess({
      DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, SMTP_HOST: smtpHost, SMTP_PORT: String(config.SMTP_PORT), SMTP_SECURE: String(config.SMTP_SECURE),
      EMAIL_ACTION_SECRET: config.EMAIL_ACTION_SECRET ?? localSecret(join(config.DATA_DIR, 'email-action.secret')),
      PUBLIC_URL: config.PUBLIC_URL, METRICS_PORT: String(config.WORKER_METRICS_PORT), METRICS_HOST: '127.0.0.1',
    }, { shuttingDown: () => stopping });
    stops.push(() => workerProcess.stop());

    const temporal = await createTemporalClient(temporalAddress, config.TEMPORAL_NAMESPACE);
    stops.push(() => temporal.connection.close());
    // The county's Temporal Schedules (China time): the daily advances check and the year turn.
    await ensureSchedules(temporal, config.TEMPORAL_TASK_QUEUE, '', loadDutySettings(config.DUTIES_FILE), workingDayCalendarOf(config));
    const workerMetrics = workerTemporalSeries(`http://127.0.0.1:${config.WORKER_METRICS_PORT}/metrics`, config.METRICS_TOKEN);
    const server = await startApi({ port: config.PORT, prisma, temporal, ...apiSettings(config), workerMetrics });
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
