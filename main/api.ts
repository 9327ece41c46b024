/** The API process on its own, for deployments: needs DATABASE_URL and TEMPORAL_ADDRESS. */
import { apiSettings, loadConfig, workingDayCalendarOf } from './config';
import { loadDutySettings } from './duty-config';
import { createTemporalClient, startApi } from './runtime';
import { ensureSchedules } from './schedules';
import { createPrisma } from '../prisma/client';
import { migrate } from './postgres';
import { logger } from '../observability/logger';
import { setupTracing } from '../observability/tracing';

async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    logger.fatal('api: set DATABASE_URL and TEMPORAL_ADDRESS (or use `npm start` for the embedded set-up)');
    process.exit(2);
  }
  const tracing = setupTracing({ exporter: config.OTEL_TRACES_EXPORTER, serviceName: config.OTEL_SERVICE_NAME });
  await migrate(config.DATABASE_URL);
  const prisma = createPrisma(config.DATABASE_URL);
  const temporal = await createTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  // The county's Temporal Schedules (China time): the daily advances check, the year turn and the reports,
  // with the same DUTIES_FILE and calendar as `npm start`, so starting the API alone never resets them to the defaults.
  await ensureSchedules(temporal, config.TEMPORAL_TASK_QUEUE, '', loadDutySettings(config.DUTIES_FILE), workingDayCalendarOf(config));
  const server = await startApi({ port: config.PORT, prisma, temporal, ...apiSettings(config) });
  logger.info({ url: `${config.PUBLIC_URL}/api`, metrics: `${config.PUBLIC_URL}/metrics` }, 'API listening');
  const stop = () => server.close(() => void prisma.$disconnect().then(() => tracing.shutdown()).then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
