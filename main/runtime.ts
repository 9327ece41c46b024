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

/** Bundles the workflow code (about a second); reuse the result for every worker of the process. */
export const bundleWorkflows = (): Promise<WorkflowBundleWithSourceMap> =>
  bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quietLogger });

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
  /** e-mail decision links; without a configured secret this process makes one (links stay valid, but a retry on another worker would derive other ones) */
  emailActions?: EmailActionSettings;
}) {
  quietSdk();
  const connection = await NativeConnection.connect({ address: o.address });
  const mailer = createMailer(o.prisma, createTransport(o.smtp), o.smtp.from);
  const worker = await Worker.create({
    connection, namespace: o.namespace, taskQueue: o.taskQueue,
    workflowBundle: o.bundle ?? (await bundleWorkflows()),
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

/** Starts the HTTP API on `host` (default 127.0.0.1: this machine only); resolves once it listens. */
export async function startApi({ port, host = '127.0.0.1', ...deps }: ApiDeps & { port: number; host?: string; publicUrl: string }): Promise<Server> {
  const app = createApp(deps);
  return new Promise((resolveServer, reject) => {
    const server = app.listen(port, host, () => resolveServer(server));
    server.once('error', reject);
  });
}

const noop = () => {};
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
