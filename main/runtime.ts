import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, WorkerOptions, bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../prisma/client';
import { createActivities } from '../activities';
import { createMailer } from '../activities/mail';
import type { EmailActionSettings } from '../activities/email-action-links';
import { createApp } from '../api/app';
import type { ApiDeps } from '../api/context';

export interface SmtpSettings { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string }

/** A nodemailer transport for the configured SMTP server. */
export function createTransport(s: SmtpSettings) {
  return nodemailer.createTransport({ host: s.host, port: s.port, secure: s.secure, ...(s.user ? { auth: { user: s.user, pass: s.pass } } : {}), tls: { rejectUnauthorized: s.secure } });
}

/**
 * Bundles the workflow code (about a second); reuse the result for every worker of the process.
 * `domain/` (and zod, which it imports) is preloaded once into the worker's shared V8 context instead
 * of being evaluated again for every cached workflow (~0.95 MB each otherwise). That is safe because
 * `domain/` holds no mutable module state (constants and pure functions only); the SDK deep-freezes
 * what it shares, so a write to it would throw rather than leak between workflows.
 */
export const bundleWorkflows = (): Promise<WorkflowBundleWithSourceMap> =>
  bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), preloadModules: [require.resolve('../domain')], logger: quietLogger });

let runtimeInstalled = false;
/** Keeps the SDK's own logging to warnings and errors, so the console shows what matters. */
function quietSdk(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** Creates (but does not run) a worker for the approval workflows and their activities. */
export async function createWorker(o: {
  address: string; namespace: string; taskQueue: string; prisma: PrismaClient; smtp: SmtpSettings; publicUrl: string;
  bundle?: WorkerOptions['workflowBundle'];
  /** workflows kept in memory between their tasks (sleeping loans mostly need none); default: the SDK's, from the heap size */
  maxCachedWorkflows?: number;
  /** run workflows on the main thread (the bench measures their heap there) */
  debugMode?: boolean;
  /** e-mail decision links; without a configured secret this process makes one (links stay valid, but a retry on another worker would derive other ones) */
  emailActions?: EmailActionSettings;
}) {
  quietSdk();
  const connection = await NativeConnection.connect({ address: o.address });
  const mailer = createMailer(o.prisma, createTransport(o.smtp), o.smtp.from);
  const worker = await Worker.create({
    connection, namespace: o.namespace, taskQueue: o.taskQueue,
    workflowBundle: o.bundle ?? (await bundleWorkflows()),
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
    ...(o.debugMode ? { debugMode: true } : {}),
    activities: createActivities({
      prisma: o.prisma, mailer, publicUrl: o.publicUrl,
      emailActions: o.emailActions ?? { secret: randomBytes(32).toString('base64url'), ttlDays: 7 },
    }),
  });
  return { worker, connection };
}

/** A Temporal client for the API. */
export async function createTemporalClient(address: string, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace });
}

/** Starts the HTTP API; resolves once it listens. */
export async function startApi({ port, ...deps }: ApiDeps & { port: number; publicUrl: string }): Promise<Server> {
  const app = createApp(deps);
  return new Promise((resolveServer, reject) => {
    const server = app.listen(port, () => resolveServer(server));
    server.once('error', reject);
  });
}

const noop = () => {};
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
