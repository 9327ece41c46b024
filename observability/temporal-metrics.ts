import { Counter, Gauge, Histogram, type Metric as PromMetric } from 'prom-client';
import { MetricsBuffer } from '@temporalio/worker';
import type { MetricTags } from '@temporalio/common';
import { processRegistry } from './registry';

/**
 * The Temporal SDK's worker and client metrics (temporal_workflow_task_execution_latency,
 * temporal_activity_execution_failed, temporal_request…), buffered by the Core runtime
 * (Runtime.install({ telemetryOptions: { metrics: { buffer } } }), see main/runtime.ts) and copied into
 * the process registry, so /metrics shows them on the API's port instead of a second one of the SDK's.
 */
export const temporalMetricsBuffer = new MetricsBuffer({ maxBufferSize: 50_000, useSecondsForDurations: true });

const series = new Map<string, { kind: string; metric: PromMetric<string>; labels: string[] }>();
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function seriesFor(name: string, kind: string, description: string | undefined, tags: MetricTags) {
  let s = series.get(name);
  if (!s) {
    // A metric's tag names are fixed by the SDK; the first update names them.
    const labels = Object.keys(tags).filter((k) => LABEL.test(k));
    const o = { name, help: description || name, labelNames: labels, registers: [processRegistry] };
    const metric = kind === 'counter' ? new Counter(o) : kind === 'histogram' ? new Histogram(o) : new Gauge(o);
    s = { kind, metric, labels };
    series.set(name, s);
  }
  return s;
}

/** Moves what the SDK recorded since the last call into the registry (on every scrape, and every few seconds). */
export function drainTemporalMetrics(): void {
  for (const { metric, value, attributes } of temporalMetricsBuffer.retrieveUpdates()) {
    const s = seriesFor(metric.name, metric.kind, metric.description, attributes);
    const labels = Object.fromEntries(s.labels.map((l) => [l, String(attributes[l] ?? '')]));
    if (s.kind === 'counter') (s.metric as Counter<string>).inc(labels, value);
    else if (s.kind === 'histogram') (s.metric as Histogram<string>).observe(labels, value);
    else if (s.kind === 'up-down-counter') (s.metric as Gauge<string>).inc(labels, value);
    else (s.metric as Gauge<string>).set(labels, value);
  }
}

// The buffer holds a bounded number of updates: drain it even when nobody scrapes.
setInterval(drainTemporalMetrics, 5_000).unref();
