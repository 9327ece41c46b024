import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { pinoHttp } from 'pino-http';
import { logger } from './logger';
import { withRequestScope, WELL_FORMED_REQUEST_ID } from './request-context';
import { ensureTraceContext } from './tracing';
import type { AppMetrics } from './metrics';

const tracer = trace.getTracer('county-approvals/http');

/** `/email-actions/<token>`: the token decides a task, so it never reaches a log line or a span. */
const redactPath = (url: string) => url.replace(/^\/email-actions\/[^/?#]+/, '/email-actions/:token');
/** Scrapes and probes: logged only at debug unless they fail. */
const ROUTINE = /^\/(metrics|api\/health)(\/|\?|$)/;
const ROUTE = Symbol('route template');

type Observed = IncomingMessage & { [ROUTE]?: string; user?: { userId: string }; originalUrl?: string };
/** The path as the client sent it (routers rewrite `req.url` under their mount point). */
const pathOf = (req: Observed) => req.originalUrl ?? req.url ?? '';

/**
 * The route template a request matched (`/api/tasks/:id/decision`), never the raw path, so metrics
 * and span names stay few. Express sets `req.route` when a route matches, but restores `req.baseUrl`
 * when an error leaves a router: so the template is taken at the moment of matching.
 */
function watchRoute(req: Request): void {
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true, enumerable: true, get: () => route,
    set(r: { path: unknown }) { route = r; (req as Observed)[ROUTE] = `${req.baseUrl}${String(r.path)}`; },
  });
}
const routeOf = (req: Observed) => req[ROUTE] ?? (/^\/(api|email-actions)(\/|\?|$)/.test(pathOf(req)) ? 'unmatched' : 'web app');

/**
 * Everything operators see of an HTTP request, mounted first: a request id (a well-formed incoming
 * X-Request-Id, else a new UUID; echoed in the response), one JSON log line when it ends, its latency
 * in `http_request_duration_seconds`, a server span (continuing an incoming `traceparent`), and a
 * request scope (request-context.ts) that every log line and Temporal call made for it picks up.
 */
export function observeHttp(metrics: AppMetrics): RequestHandler {
  ensureTraceContext();
  const logHttp = pinoHttp({
    logger,
    genReqId(req, res) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    serializers: {
      req: (r: { method: string; url: string; remoteAddress?: string }) => ({ method: r.method, url: redactPath(r.url), remoteAddress: r.remoteAddress }),
      res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
    },
    customLogLevel: (req, res, err) => (err || res.statusCode >= 500 ? 'error' : ROUTINE.test(pathOf(req)) ? 'debug' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    customSuccessObject: (req, _res, fields) => ({ ...fields, route: routeOf(req), userId: (req as Observed).user?.userId }),
    customErrorObject: (req, _res, _err, fields) => ({ ...fields, route: routeOf(req), userId: (req as Observed).user?.userId }),
  });

  return (req, res, next) => logHttp(req, res, () => {
    watchRoute(req);
    const started = process.hrtime.bigint();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': redactPath(req.path) } }, parent);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const route = routeOf(req);
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      metrics.httpDuration.observe({ method: req.method, route, status }, Number(process.hrtime.bigint() - started) / 1e9);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', finish);
    res.once('close', finish);
    const ctx = withRequestScope(trace.setSpan(parent, span), { requestId: String(req.id), log: req.log });
    // Body parsers resume on the request's stream events: bind them so the handlers after them keep the scope.
    context.bind(ctx, req);
    context.bind(ctx, res);
    context.with(ctx, next);
  });
}
