import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Histogram, Registry } from 'prom-client';
import { processRegistry } from './registry';
import { drainTemporalMetrics } from './temporal-metrics';

/** The series one HTTP app adds; kept per app so two apps in one process (tests) do not mix. */
export function createAppMetrics() {
  const registry = new Registry();
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template (not the raw path) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return { registry, httpDuration };
}
export type AppMetrics = ReturnType<typeof createAppMetrics>;

/**
 * GET /metrics in the Prometheus text format: the app's series, then the process's, then `more` (the
 * worker's, when it runs in another process: worker-metrics.ts). Open unless a
 * token is configured (METRICS_TOKEN), then only with `Authorization: Bearer <token>`.
 */
export function metricsEndpoint(app: Registry, token?: string, more?: () => Promise<string>): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (req, res) => {
    if (expected) {
      const given = Buffer.from(req.get('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('metrics need the bearer token (METRICS_TOKEN)\n');
        return;
      }
    }
    drainTemporalMetrics();
    const text = (await app.metrics()) + (await processRegistry.metrics()) + (more ? await more() : '');
    res.set('Cache-Control', 'no-store').type(processRegistry.contentType).send(text);
  };
}
