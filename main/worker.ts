/** A worker process on its own, for deployments: needs DATABASE_URL and TEMPORAL_ADDRESS. */
import { loadConfig } from './config';
import { createWorker } from './runtime';
import { createPrisma } from '../prisma/client';

async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !config.SMTP_HOST) {
    console.error('worker: set DATABASE_URL, TEMPORAL_ADDRESS and SMTP_HOST (or use `npm start` for the embedded set-up)');
    process.exit(2);
  }
  if (!config.EMAIL_ACTION_SECRET) {
    console.error('worker: set EMAIL_ACTION_SECRET (at least 32 random characters, the same on every worker) for the decision links in e-mails');
    process.exit(2);
  }
  const prisma = createPrisma(config.DATABASE_URL);
  const { worker } = await createWorker({
    address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, prisma,
    smtp: { host: config.SMTP_HOST, port: config.SMTP_PORT, secure: config.SMTP_SECURE, user: config.SMTP_USER, pass: config.SMTP_PASS, from: config.MAIL_FROM },
    publicUrl: config.PUBLIC_URL, maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS, emailActions: { secret: config.EMAIL_ACTION_SECRET, ttlDays: config.EMAIL_ACTION_TTL_DAYS },
  });
  await worker.run(); // the SDK shuts down gracefully on SIGINT/SIGTERM
  await prisma.$disconnect();
}

void main();
