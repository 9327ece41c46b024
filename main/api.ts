/** The API process on its own, for deployments: needs DATABASE_URL and TEMPORAL_ADDRESS. */
import { apiSettings, loadConfig } from './config';
import { createTemporalClient, startApi } from './runtime';
import { ensureSchedules } from './schedules';
import { createPrisma } from '../prisma/client';
import { migrate } from './postgres';

async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    console.error('api: set DATABASE_URL and TEMPORAL_ADDRESS (or use `npm start` for the embedded set-up)');
    process.exit(2);
  }
  await migrate(config.DATABASE_URL);
  const prisma = createPrisma(config.DATABASE_URL);
  const temporal = await createTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  // The county's Temporal Schedules (China time): the daily advances check and the year turn.
  await ensureSchedules(temporal, config.TEMPORAL_TASK_QUEUE);
  const server = await startApi({ port: config.PORT, prisma, temporal, ...apiSettings(config) });
  console.log(`API listening on ${config.PUBLIC_URL}/api`);
  const stop = () => server.close(() => void prisma.$disconnect().then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
