import { ActivityFailure, ApplicationFailure, condition, sleep } from '@temporalio/workflow';
import type { ActivityOptions, Duration, LocalActivityOptions } from '@temporalio/common';
import type { DecisionRefusal, Violation } from '../domain';
import { FAILURE_DECISION_REFUSED, FAILURE_RULE_VIOLATION } from './approval/messages';

/** An update failure the caller sees as a refused decision (wrong role, stale task, ...). */
export function refused(refusal: DecisionRefusal): ApplicationFailure {
  return ApplicationFailure.create({ type: FAILURE_DECISION_REFUSED, message: refusal.message, details: [refusal], nonRetryable: true });
}

/** An update failure that cites the plan's rules. */
export function ruleViolation(violations: Violation[]): ApplicationFailure {
  const message = violations.map((v) => `${v.ruleId} ${v.zh}: ${v.detail}`).join('; ');
  return ApplicationFailure.create({ type: FAILURE_RULE_VIOLATION, message, details: [violations], nonRetryable: true });
}

/** The failure type activities give data PostgreSQL refuses (see activities/data-errors.ts). */
export const FAILURE_DATA_REJECTED = 'DataRejected';

/** Failure types no retry can change: activities fail with them at once. */
export const NON_RETRYABLE_TYPES: string[] = [FAILURE_RULE_VIOLATION, FAILURE_DECISION_REFUSED, FAILURE_DATA_REJECTED];

/**
 * Activities run while an update holds the workflow's lock: bounded, so an outage ends in a failed
 * update (the caller hears 503 and may retry) rather than a lock held for ever.
 */
export const UNDER_LOCK: ActivityOptions = {
  startToCloseTimeout: '1 minute', scheduleToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: NON_RETRYABLE_TYPES },
};
/** Steps and reminders hold no lock: each attempt is bounded and `persistently` starts another. */
export const STEP_WORK: ActivityOptions = {
  startToCloseTimeout: '1 minute', scheduleToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: NON_RETRYABLE_TYPES },
};
/**
 * The same bounds for the work a chain step does in the worker that runs the workflow (a local
 * activity): recorded in the workflow task itself, with no activity task through the server.
 */
export const UNDER_LOCK_LOCAL: LocalActivityOptions = { ...UNDER_LOCK, localRetryThreshold: '10 seconds' };
export const STEP_WORK_LOCAL: LocalActivityOptions = { ...STEP_WORK, localRetryThreshold: '10 seconds' };
/** Mail waits out a mail server's outage for up to a day; nobody waits for it. */
export const MAIL_WORK: ActivityOptions = {
  startToCloseTimeout: '1 minute', scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: NON_RETRYABLE_TYPES },
};

/**
 * Re-raises what an activity refused with (a rule violation, a refused decision, data the database
 * will not store) as the update's own failure, so the caller hears why and the lock is released.
 */
export function surfaceActivityRefusal(err: unknown): never {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && NON_RETRYABLE_TYPES.includes(err.cause.type ?? '')) {
    throw ApplicationFailure.create({ type: err.cause.type ?? undefined, message: err.cause.message, details: err.cause.details as unknown[], nonRetryable: true });
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

/**
 * Runs a step's activity until it succeeds. Each attempt is bounded by its activity options; when
 * one gives up (the database down for longer than that), the step waits and tries again, so an
 * outage never fails the request's workflow.
 */
export async function persistently<T>(run: () => Promise<T>, pause: Duration = '1 minute'): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      await sleep(pause);
    }
  }
}

/**
 * E-mails go out in activities of their own that nobody waits for, so a mail server that is down
 * never holds up a decision; the workflow waits for them only before it ends or continues as new.
 */
export class Outbox {
  private pending: Promise<unknown>[] = [];
  send(mail: Promise<unknown>): void {
    this.pending.push(mail.catch(() => undefined));
  }
  async drain(): Promise<void> {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }
}

/** The patch that runs a step's opening and the recording of a decision as local activities (histories before it replay as activities). */
export const LOCAL_STEP_WORK = 'local-step-work';

/** The patch that moved e-mails out of the step and decision activities (histories before it replay the old way). */
export const MAIL_IN_OWN_ACTIVITY = 'mail-in-own-activity';

/**
 * The patch after which a step's task e-mails are owed by the statement that opens its tasks and sent
 * by the worker's mail outbox (activities/mail-outbox.ts): no mail activity, no workflow task for it,
 * no decision waiting behind that task. Histories before it replay their mail activities.
 */
export const STEP_MAIL_OUTBOX = 'step-mail-outbox';

/**
 * The patch after which a decision that moves the subject to another human step opens that step in
 * its own local activity. A local activity holds back the workflow task, and with it the answer to
 * the decision, until it completes: an opening of its own after the decision made the answer wait,
 * and an opening that kept failing (nobody holding the step's role) left the decider with "outcome
 * not known". Now the decision's activity answers whether or not the opening worked, and a step it
 * could not open is opened by a regular activity, retried for as long as it takes, holding nothing back.
 */
export const OPEN_WITH_DECISION = 'open-with-decision';

/**
 * The patch after which a resubmission opens the round's first step in its own local activity, as a
 * decision does since OPEN_WITH_DECISION: the applicant's answer no longer waits for (or, with nobody
 * holding the step's role, fails on) the opening.
 */
export const RESUBMIT_OPENS = 'resubmit-opens';

/**
 * The patch after which the applicant's mail of where a subject ended (executed, rejected, withdrawn…)
 * is owed by the statement that records the decision and sent by the worker's mail outbox, as a step's
 * task mails are since STEP_MAIL_OUTBOX: no mail activity, and the workflow ends with the decision
 * rather than after the mail server has taken the mail. Histories before it replay their mail activity.
 */
export const OUTCOME_MAIL_OUTBOX = 'outcome-mail-outbox';
