import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, NoopSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';

export const TRACES_EXPORTERS = ['none', 'console', 'otlp'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

let contextReady = false;
/**
 * The async context every request scope and span rides on, and W3C trace headers (what the Temporal
 * interceptors put into workflow and activity headers). Always on: it costs little and the request id
 * needs it even when no trace is exported.
 */
export function ensureTraceContext(): void {
  if (contextReady) return;
  contextReady = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

let exporting: { processor: SpanProcessor; resource: Resource } | undefined;

/**
 * Turns tracing on for this process: `none` (the default) records nothing; `console` prints each span;
 * `otlp` sends them over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (the exporter reads the standard
 * OTEL_EXPORTER_OTLP_* variables itself). A test hands in its own exporter (an in-memory one).
 */
export function setupTracing(o: { exporter: TracesExporter | SpanExporter; serviceName: string }): { shutdown: () => Promise<void> } {
  ensureTraceContext();
  if (o.exporter === 'none') return { shutdown: async () => {} };
  const processor = o.exporter === 'otlp' ? new BatchSpanProcessor(new OTLPTraceExporter())
    : new SimpleSpanProcessor(o.exporter === 'console' ? new ConsoleSpanExporter() : o.exporter);
  const resource = new Resource({ 'service.name': o.serviceName });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  trace.setGlobalTracerProvider(provider);
  exporting = { processor, resource };
  return { shutdown: () => provider.shutdown() };
}

/**
 * The sink through which the workflow interceptor (bundled into the workflow code) hands its spans
 * to this process's exporter; registered on every worker, since every bundle carries the interceptor.
 */
export const workflowTraceSinks = () => ({
  exporter: makeWorkflowExporter(exporting?.processor ?? new NoopSpanProcessor(), exporting?.resource ?? Resource.empty()),
});
