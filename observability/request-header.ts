import { defaultPayloadConverter, type Headers } from '@temporalio/common';

/**
 * The Temporal header that carries the HTTP request id from the API into the workflow (its start or
 * update) and on to the activities it schedules, so their log lines name the request that caused them.
 * Pure: imported by the workflow interceptor, which is bundled with the workflows.
 */
export const REQUEST_ID_HEADER = 'county-approvals-request-id';

export const requestIdOf = (headers: Headers | undefined): string | undefined => {
  const p = headers?.[REQUEST_ID_HEADER];
  return p ? (defaultPayloadConverter.fromPayload(p) as string) : undefined;
};

export const withRequestIdHeader = (headers: Headers, requestId: string | undefined): Headers =>
  requestId ? { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } : headers;
