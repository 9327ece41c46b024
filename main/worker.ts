/** The worker process: run alone by deployments (`npm run worker`), or as `npm start`'s child. Needs DATABASE_URL, TEMPORAL_ADDRESS and SMTP_HOST. */
import { loadDutySettings } from './duty-config';
import { loadConfig, workingDayCalendarOf } from './config';
import type { Worker } from '@temporalio/worker';
import { createTemporalClient, createWorker } from './runtime';
import { runReconciler } from '../api/start-workflows';
import { createPrisma } from '../prisma/client';
import { logger } from '../observability/logger';
import { setupTracing } from '../observability/tracing';
import { serveMetrics } from '../observability/metrics-server';

async function main() {
  const parent = process.send ? answerParent() : undefined;
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !config.SMTP_HOST) {
    logger.fatal('worker: set DATABASE_URL, TEMPORAL_ADDRESS and SMTP_HOST (or use `npm start` for the embedded set-up)');
    process.exit(2);
  }
  if (!config.EMAIL_ACTION_SECRET) {
    logger.fatal('worker: set EMAIL_ACTION_SECRET (at least 32 random characters, the same on every worker) for the decision links in e-mails');
    process.exit(2);
  }
  const tracing = setupTracing({ exporter: config.OTEL_TRACES_EXPORTER, serviceName: config.OTEL_SERVICE_NAME });
  if (config.METRICS_PORT) {
    await serveMetrics({ port: config.METRICS_PORT, host: config.METRICS_HOST, token: config.METRICS_TOKEN });
    logger.info({ url: `http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics` }, 'worker metrics listening');
  }
  const prisma = createPrisma(config.DATABASE_URL);
  const { worker, closeMail } = await createWorker({
    address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, prisma,
    smtp: { host: config.SMTP_HOST, port: config.SMTP_PORT, secure: config.SMTP_SECURE, user: config.SMTP_USER, pass: config.SMTP_PASS, from: config.MAIL_FROM },
    publicUrl: config.PUBLIC_URL, maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS, workflowSpans: config.OTEL_TRACES_EXPORTER !== 'none', emailActions: { secret: config.EMAIL_ACTION_SECRET, ttlDays: config.EMAIL_ACTION_TTL_DAYS },
    duties: loadDutySettings(config.DUTIES_FILE), workingDayCalendar: workingDayCalendarOf(config),
  });
  const temporal = await createTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const stopReconciler = runReconciler({ prisma, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, remindAfter: config.APPROVAL_REMIND_AFTER, workingDayCalendar: workingDayCalendarOf(config) });
  const running = worker.run(); // the SDK shuts down gracefully on SIGINT/SIGTERM
  parent?.ready(worker);
  await running;
  stopReconciler();
  await closeMail();
  await temporal.connection.close();
  await prisma.$disconnect();
  await tracing.shutdown();
  process.exit(0); // the metrics server, if any, would keep the process alive
}

/**
 * Run by `npm start` (main/worker-process.ts): tell it once the worker polls, stop when it asks or
 * when it is gone (no worker outlives the servers it needs). Before the worker runs there is nothing
 * to finish, so a stop then exits at once.
 */
function answerParent() {
  let worker: Worker | undefined;
  const stop = () => {
    if (!worker) process.exit(0);
    else if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('message', (m) => { if ((m as { cmd?: string }).cmd === 'stop') stop(); });
  process.once('disconnect', stop);
  return {
    ready(w: Worker) {
      worker = w;
      if (process.connected) process.send!({ ready: true });
    },
  };
}

void main();
