import express from 'express';
import type { Server } from 'node:http';
import { Registry } from 'prom-client';
import { metricsEndpoint } from './metrics';

/**
 * /metrics for a process that has no HTTP API of its own (`npm run worker`): Node's and the Temporal
 * SDK's series, on METRICS_HOST:METRICS_PORT.
 */
export function serveMetrics(o: { port: number; host: string; token?: string }): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsEndpoint(new Registry(), o.token));
  return new Promise((resolve, reject) => {
    const server = app.listen(o.port, o.host, () => resolve(server));
    server.once('error', reject);
  });
}
