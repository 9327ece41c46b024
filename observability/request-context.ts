import { context, createContextKey, type Context } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { logger } from './logger';

/** What the code handling one HTTP request may want to know about it, wherever it runs. */
export interface RequestScope { requestId: string; log: Logger }

// Kept in the OpenTelemetry context (AsyncLocalStorage underneath, see tracing.ts), which the HTTP
// layer binds to the request's own event emitters, so body parsers deep in a router keep it.
const REQUEST = createContextKey('county-approvals.request');

/** `ctx` with the request scope in it. */
export const withRequestScope = (ctx: Context, scope: RequestScope): Context => ctx.setValue(REQUEST, scope);

/** The request being handled, if any. */
export const currentRequest = (): RequestScope | undefined => context.active().getValue(REQUEST) as RequestScope | undefined;

/** The logger to use right here: the current request's (its lines carry the request id), else the process's. */
export const log = (): Logger => currentRequest()?.log ?? logger;

/** An incoming X-Request-Id is taken as is only when it is short and plain (it goes into logs and Temporal headers). */
export const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
