import pino, { type Level, type Logger } from 'pino';
import type { Logger as TemporalLogger, LogLevel as TemporalLogLevel, LogMetadata } from '@temporalio/common';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Where log lines go: standard output, unless a test redirects them to read them back. */
let sink: { write(line: string): unknown } = process.stdout;

const envLevel = process.env.LOG_LEVEL as LogLevelName | undefined;

/**
 * The one logger of the process: JSON lines (pino) with an ISO time and the level's name. The HTTP
 * layer, the Temporal SDK (runtime, workflow and activity loggers) and our own code all write here.
 * The level starts from LOG_LEVEL (main/config.ts validates it) so tests and tools need no set-up.
 */
export const logger: Logger = pino({
  level: envLevel && LOG_LEVELS.includes(envLevel) ? envLevel : 'info',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  // The SDK hands errors over as `error`, our code as `err`: both become message + stack.
  serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
}, { write: (line: string) => sink.write(line) });

/** Sends log lines somewhere else (a test reading them back); returns the way to put it back. */
export function redirectLogs(to: { write(line: string): unknown }): () => void {
  const previous = sink;
  sink = to;
  return () => { sink = previous; };
}

const levelOf = (l: TemporalLogLevel) => l.toLowerCase() as Level;

/** The Temporal SDK's Logger interface over the process logger (Runtime.install({ logger })). */
export const temporalLogger: TemporalLogger = {
  log: (level, message, meta?: LogMetadata) => logger[levelOf(level)]({ ...meta }, message),
  trace: (message, meta) => logger.trace({ ...meta }, message),
  debug: (message, meta) => logger.debug({ ...meta }, message),
  info: (message, meta) => logger.info({ ...meta }, message),
  warn: (message, meta) => logger.warn({ ...meta }, message),
  error: (message, meta) => logger.error({ ...meta }, message),
};
