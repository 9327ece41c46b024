import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, WorkerOptions, bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../prisma/client';
import type { DutySettings, WorkingDayCalendar } from '../domain';
import { createActivities } from '../activities';
import { createMailer } from '../activities/mail';
import { createMailOutbox } from '../activities/mail-outbox';
import type { EmailActionSettings } from '../activities/email-action-links';
import { createApp } from '../api/app';
import type { ApiDeps } from '../api/context';
import { logger, temporalLogger } from '../observability/logger';
import { temporalMetricsBuffer } from '../observability/temporal-metrics';
import { workflowTraceSinks } from '../observability/tracing';
import { activityInterceptors, clientInterceptors } from '../observability/temporal-interceptors';
import { noDelaySocket } from './smtp-socket';

export interface SmtpSettings { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string }

/**
 * A nodemailer transport for the configured SMTP server. `pooled`: a few connections kept open and
 * reused, as the worker sends a step's e-mails one after another; each new connection costs a
 * handshake (and a greeting some servers delay on purpose). Whoever pools must `close()` it.
 */
export function createTransport(s: SmtpSettings, { pooled = false } = {}) {
  const auth = s.user ? { auth: { user: s.user, pass: s.pass } } : {};
  const tls = { rejectUnauthorized: s.secure };
  const common = { host: s.host, port: s.port, secure: s.secure, ...auth, tls, getSocket: noDelaySocket };
  return pooled ? nodemailer.createTransport({ pool: true, maxConnections: 3, ...common }) : nodemailer.createTransport(common);
}

/**
 * Bundles the workflow code (about a second); reuse the result for every worker of the process. The
 * interceptors go into the bundle (a worker given a bundle ignores `interceptors.workflowModules`):
 * OpenTelemetry's workflow spans, and the request id handed on to activities.
 * `workflowSpans: false` leaves OpenTelemetry's workflow interceptors out: the SDK evaluates them (and
 * @opentelemetry/*) again for every cached workflow, which costs more heap than the workflow itself,
 * and with no trace exporter (OTEL_TRACES_EXPORTER=none, the default) their spans go nowhere.
 * `domain/` (and zod, which it imports) is preloaded once into the worker's shared V8 context instead
 * of being evaluated again for every cached workflow (~0.95 MB each otherwise). That is safe because
 * `domain/` holds no mutable module state (constants and pure functions only); the SDK deep-freezes
 * what it shares, so a write to it would throw rather than leak between workflows.
 */
export const bundleWorkflows = ({ workflowSpans = true }: { workflowSpans?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> =>
  bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    preloadModules: [require.resolve('../domain')],
    workflowInterceptorModules: [
      ...(workflowSpans ? [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')] : []),
      require.resolve('../observability/workflow-interceptors'),
    ],
    logger: { ...temporalLogger, info: (m, meta) => logger.debug({ ...meta }, m) }, // webpack's progress is not news
  });

let runtimeInstalled = false;
/**
 * The SDK logs into the process logger: its TypeScript side, the workflow and activity loggers, and
 * (forwarded) the native Core's warnings, or its info lines when LOG_LEVEL is debug or trace. Its
 * metrics are buffered and shown at /metrics (observability/temporal-metrics.ts).
 */
function installSdkRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const core = logger.isLevelEnabled('debug') ? 'INFO' : 'WARN';
  Runtime.install({
    logger: temporalLogger,
    telemetryOptions: { logging: { filter: { core, other: 'ERROR' }, forward: {} }, metrics: { buffer: temporalMetricsBuffer } },
  });
}

/** Creates (but does not run) a worker for the approval workflows and their activities. */
export async function createWorker(o: {
  address: string; namespace: string; taskQueue: string; prisma: PrismaClient; smtp: SmtpSettings; publicUrl: string;
  bundle?: WorkerOptions['workflowBundle'];
  /** workflows kept in memory between their tasks (sleeping loans mostly need none); default: the SDK's, from the heap size */
  maxCachedWorkflows?: number;
  /** run workflows on the main thread (the bench measures their heap there) */
  debugMode?: boolean;
  /** OpenTelemetry spans of workflows (only worth their memory when traces are exported; see bundleWorkflows) */
  workflowSpans?: boolean;
  /** e-mail decision links; without a configured secret this process makes one (links stay valid, but a retry on another worker would derive other ones) */
  emailActions?: EmailActionSettings;
  /** the county's duty settings (reports, transfers, risk events); default DEFAULT_DUTY_SETTINGS */
  duties?: DutySettings;
  /** the calendar duty deadlines in working days are counted in (WORKING_DAY_CALENDAR_FILE); default the shipped one */
  workingDayCalendar?: WorkingDayCalendar;
}) {
  installSdkRuntime();
  const connection = await NativeConnection.connect({ address: o.address });
  const transport = createTransport(o.smtp, { pooled: true });
  const mailer = createMailer(o.prisma, transport, o.smtp.from);
  const mailOutbox = createMailOutbox(o.prisma);
  const worker = await Worker.create({
    connection, namespace: o.namespace, taskQueue: o.taskQueue,
    workflowBundle: o.bundle ?? (await bundleWorkflows({ workflowSpans: o.workflowSpans })),
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
    ...(o.debugMode ? { debugMode: true } : {}),
    activities: createActivities({
      prisma: o.prisma, mailer, mailOutbox, publicUrl: o.publicUrl,
      emailActions: o.emailActions ?? { secret: randomBytes(32).toString('base64url'), ttlDays: 7 },
      duties: o.duties, workingDayCalendar: o.workingDayCalendar,
    }),
    interceptors: { activity: activityInterceptors() },
    sinks: workflowTraceSinks(),
  });
  // Mail that a crash or a mail outage left unsent goes out from here (and what this worker owes, at once).
  mailOutbox.start();
  /** stops the mail outbox (its jobs under way finish) and closes the worker's SMTP connections, once the worker has stopped */
  const closeMail = async () => {
    await mailOutbox.stop();
    transport.close();
  };
  return { worker, connection, closeMail };
}

/** A Temporal client for the API; its calls carry the HTTP request's id and trace context. */
export async function createTemporalClient(address: string, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace, interceptors: clientInterceptors() });
}

/** Starts the HTTP API on `host` (default 127.0.0.1: this machine only); resolves once it listens. */
export async function startApi({ port, host = '127.0.0.1', ...deps }: ApiDeps & { port: number; host?: string; publicUrl: string; metricsToken?: string; workerMetrics?: () => Promise<string> }): Promise<Server> {
  const app = createApp(deps);
  return new Promise((resolveServer, reject) => {
    const server = app.listen(port, host, () => resolveServer(server));
    server.once('error', reject);
  });
}
