import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { currentRequest } from './request-context';
import { requestIdOf, withRequestIdHeader } from './request-header';

/** Puts the current HTTP request's id into the headers of every workflow start, update and signal. */
const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequest()?.requestId) }),
  startWithDetails: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequest()?.requestId) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequest()?.requestId) }),
  startUpdateWithStart: (input, next) => {
    const id = currentRequest()?.requestId;
    return next({ ...input, workflowStartHeaders: withRequestIdHeader(input.workflowStartHeaders, id), updateHeaders: withRequestIdHeader(input.updateHeaders, id) });
  },
  signal: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequest()?.requestId) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequest()?.requestId) }),
};

/** The API's Temporal client interceptors: the request id, and a client span under the HTTP span. */
export const clientInterceptors = () => ({ workflow: [requestIdClientInterceptor, new OpenTelemetryWorkflowClientInterceptor()] });

/**
 * Activities log the request id their workflow call carried (and the trace and span ids), and write
 * one line when they finish; the SDK's own lifecycle lines are at debug level.
 */
const requestIdActivityInterceptor: ActivityInterceptorsFactory = (ctx) => {
  let requestId: string | undefined;
  return {
    inbound: {
      async execute(input, next) {
        requestId = requestIdOf(input.headers);
        const started = Date.now();
        const result = await next(input);
        ctx.log.info('activity completed', { durationMs: Date.now() - started });
        return result;
      },
    },
    outbound: {
      // The task token completes the activity from outside: not for log files.
      getLogAttributes: ({ taskToken: _, ...attrs }, next) => next(requestId ? { ...attrs, requestId } : attrs),
    },
  };
};

/** The worker's activity interceptors: a span per activity under the workflow's, and the request id in its logs. */
export const activityInterceptors = (): ActivityInterceptorsFactory[] => [
  (ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) }),
  requestIdActivityInterceptor,
];
