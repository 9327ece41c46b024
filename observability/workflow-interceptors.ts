/**
 * Bundled into the workflow code (main/runtime.ts `bundleWorkflows`): keeps the request id of the
 * start or update being handled, hands it on to every activity scheduled under it, and adds it to the
 * workflow logger's lines. Deterministic: it only reads and writes headers.
 */
import { AsyncLocalStorage, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { requestIdOf, withRequestIdHeader } from './request-header';

const requestIds = new AsyncLocalStorage<string | undefined>();

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [{
    execute: (input, next) => requestIds.run(requestIdOf(input.headers), () => next(input)),
    handleUpdate: (input, next) => requestIds.run(requestIdOf(input.headers), () => next(input)),
    validateUpdate: (input, next) => requestIds.run(requestIdOf(input.headers), () => next(input)),
    handleSignal: (input, next) => requestIds.run(requestIdOf(input.headers), () => next(input)),
  }],
  outbound: [{
    scheduleActivity: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, requestIds.getStore()) }),
    scheduleLocalActivity: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers, requestIds.getStore()) }),
    getLogAttributes: (input, next) => {
      const requestId = requestIds.getStore();
      return next(requestId ? { ...input, requestId } : input);
    },
  }],
});
