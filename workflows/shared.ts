import { ActivityFailure, ApplicationFailure, condition } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { DecisionRefusal, Violation } from '../domain';
import { FAILURE_DECISION_REFUSED, FAILURE_RULE_VIOLATION } from './budget-messages';

/** An update failure the caller sees as a refused decision (wrong role, stale task, ...). */
export function refused(refusal: DecisionRefusal): ApplicationFailure {
  return ApplicationFailure.create({ type: FAILURE_DECISION_REFUSED, message: refusal.message, details: [refusal], nonRetryable: true });
}

/** An update failure that cites the plan's rules. */
export function ruleViolation(violations: Violation[]): ApplicationFailure {
  const message = violations.map((v) => `${v.ruleId} ${v.zh}: ${v.detail}`).join('; ');
  return ApplicationFailure.create({ type: FAILURE_RULE_VIOLATION, message, details: [violations], nonRetryable: true });
}

/** Re-raises a rule violation an activity refused with as the update's own failure. */
export function surfaceActivityRefusal(err: unknown): never {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure &&
      (err.cause.type === FAILURE_RULE_VIOLATION || err.cause.type === FAILURE_DECISION_REFUSED)) {
    throw ApplicationFailure.create({ type: err.cause.type, message: err.cause.message, details: err.cause.details as unknown[], nonRetryable: true });
  }
  throw err;
}

/**
 * Waits until a human step is decided, returning 'decided', or 'timed_out' after `timeout` so the
 * caller can remind the approvers and wait again.
 */
export async function waitForDecision(decided: () => boolean, timeout: Duration): Promise<'decided' | 'timed_out'> {
  return (await condition(decided, timeout)) ? 'decided' : 'timed_out';
}

/** One-at-a-time section for update handlers that share state across an activity call. */
export class Mutex {
  private held = false;
  async run<T>(fn: () => Promise<T>): Promise<T> {
    // The SDK resolves every waiter whose condition holds in one pass, before any of them runs,
    // so each must look again once it runs: otherwise two waiters would both take the lock.
    while (this.held) await condition(() => !this.held);
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
    }
  }
}
