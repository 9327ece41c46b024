import { SMTPServer } from 'smtp-server';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A local SMTP server on 127.0.0.1 that hands every message it receives, whole, to `onMessage`.
 * A client's connection error (a reset, a timeout) goes to `onConnectionError` and only ends that
 * connection: an EventEmitter without an 'error' listener would throw and take the process down.
 */
export async function startSmtpSink({ port, onMessage, onConnectionError = warnConnectionError }: {
  port: number; onMessage: (raw: Buffer, recipients: string[]) => void; onConnectionError?: (err: Error) => void;
}) {
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        onMessage(Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((r, j) => {
    server.once('error', j);
    server.listen(port, '127.0.0.1', () => { server.off('error', j); r(); });
  });
  server.on('error', onConnectionError);
  return { stop: () => new Promise<void>((r) => server.close(() => r())) };
}

const warnConnectionError = (err: Error) => console.warn(`mail catcher: a connection failed (${(err as { code?: string }).code ?? err.message}); still accepting mail`);

/** A local SMTP server that writes every message it receives to `dir` as an .eml file. */
export async function startMailCatcher({ port, dir }: { port: number; dir: string }) {
  const outbox = resolve(dir);
  mkdirSync(outbox, { recursive: true });
  let n = 0;
  const sink = await startSmtpSink({
    port,
    onMessage: (raw) => writeFileSync(join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.eml`), raw),
  });
  return { dir: outbox, stop: sink.stop };
}
