import { fork, type ChildProcess } from 'node:child_process';
import { logger } from '../observability/logger';

export interface WorkerProcess {
  /** the running worker's process id (it changes when the worker is started again) */
  pid(): number | undefined;
  /** Asks the worker to finish what it is doing and exit; resolves once it has (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Restart delays after an unexpected exit: doubling from 1 s to 30 s, back to 1 s once a run lasted a minute. */
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const STEADY_AFTER_MS = 60_000;

/**
 * `npm start` runs the worker (main/worker.ts, as a deployment runs it) as a child process: its
 * activities (database writes, e-mail, PDFs) and the API's requests then each have a Node main thread,
 * so a busy worker never holds up an answer to a clerk. Resolves once the worker polls its task queue;
 * rejects if the first start fails. A worker that dies later is started again, with backoff.
 * `env` is laid over this process's environment (the embedded servers' addresses, the mail secret);
 * `shuttingDown` says when an exit is expected, so the worker is not started again; `execArgv` replaces
 * this process's Node options (a caller not run by tsx names its loader).
 */
export async function startWorkerProcess(env: Record<string, string>, o: { shuttingDown?: () => boolean; execArgv?: string[] } = {}): Promise<WorkerProcess> {
  const shuttingDown = o.shuttingDown ?? (() => false);
  let child: ChildProcess;
  let stopping = false;
  let delay = FIRST_DELAY_MS;

  const spawn = (first: boolean) => new Promise<void>((ready, failed) => {
    const startedAt = Date.now();
    let isReady = false;
    // By default the same loader and V8 flags as this process (tsx, the young generation's size).
    child = fork(require.resolve('./worker'), [], { execArgv: o.execArgv ?? process.execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m) => {
      if ((m as { ready?: boolean }).ready && !isReady) { isReady = true; ready(); }
    });
    child.once('exit', (code, signal) => {
      // Ctrl-C reaches the worker too (one process group) before the parent has come to stopping it.
      if (stopping || shuttingDown()) return;
      if (first && !isReady) { failed(new Error(`the worker exited (${signal ?? code}) before it was ready`)); return; }
      if (Date.now() - startedAt > STEADY_AFTER_MS) delay = FIRST_DELAY_MS;
      logger.error({ code, signal, restartInMs: delay }, 'the worker process exited; starting it again');
      // Not unref'd: while the API runs, so must a worker.
      setTimeout(() => { if (!stopping && !shuttingDown()) void spawn(false); }, delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    });
  });

  await spawn(true);
  return {
    pid: () => child.pid,
    async stop(graceMs = 30_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      // A message, not a signal: Ctrl-C has already sent the worker SIGINT, and the SDK treats a second signal as a kill.
      if (child.connected) child.send({ cmd: 'stop' });
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(kill);
    },
  };
}
