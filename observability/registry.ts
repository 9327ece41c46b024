import { collectDefaultMetrics, Registry } from 'prom-client';

/** Process-wide series: Node's own (heap, event loop lag, GC…) and the Temporal SDK's (temporal-metrics.ts). */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });
