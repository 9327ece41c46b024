import type { Client } from '@temporalio/client';

/** How long the API waits for a workflow to accept or refuse a decision before answering 503. */
export const UPDATE_DEADLINE_MS = 30_000;

/**
 * Runs a workflow call with a deadline: without one the client retries forever when no worker is
 * polling, and the approver would wait on a spinner instead of hearing "try again later".
 */
export function withWorkflowDeadline<T>(temporal: Client, fn: () => Promise<T>, deadlineMs = UPDATE_DEADLINE_MS): Promise<T> {
  return temporal.connection.withDeadline(Date.now() + deadlineMs, fn);
}
