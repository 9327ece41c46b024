import {
  ActivityFailure, allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, setHandler, sleep, workflowInfo,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { LoanActivities, LoanNews } from '../activities/loan';
import {
  ChainDefinition, chinaDate, checkDisbursement, checkRepayment, firstNoticeSeq, fixDueDate, initialChainState, ladderNotice,
  LOAN_CHAIN_DEFINITION, LoanApplication, LoanChainState, LoanLadder, LoanPosition, LoanRefusal, LoanTerms, reminderWait, RemindAfter, toFen, Violation, Yuan,
} from '../domain';
import {
  disbursementControlSignal, DisburseArgs, DisburseOutcome, disburseUpdate, loanDecideUpdate, loanStateQuery, LoanWorkflowState,
  recordRepaymentUpdate, RepaymentArgs, RepaymentOutcome,
} from './loan-messages';
import { FAILURE_DECISION_REFUSED } from './approval/messages';
import { HumanSteps } from './approval/human-steps';
import {
  MAIL_IN_OWN_ACTIVITY, MAIL_WORK, NON_RETRYABLE_TYPES, Outbox, STEP_WORK, UNDER_LOCK, persistently, ruleViolation, surfaceActivityRefusal, waitForDecision,
} from './shared';

const FAILURE_DISBURSEMENT_SUSPENDED = 'DisbursementSuspended';

// Disbursements also hold the lock; a suspension (R-M3) is an answer, not a fault to retry.
const acts = proxyActivities<LoanActivities>({
  ...UNDER_LOCK, retry: { ...UNDER_LOCK.retry, nonRetryableErrorTypes: [...NON_RETRYABLE_TYPES, FAILURE_DISBURSEMENT_SUSPENDED] },
});
const stepActs = proxyActivities<LoanActivities>(STEP_WORK);
const mailActs = proxyActivities<LoanActivities>(MAIL_WORK);

export interface LoanWorkflowInput {
  loanId: string;
  unitId: string;
  fiscalYear: number;
  amount: Yuan;
  terms: LoanTerms;
  /** the reminder/escalation ladder in force when the loan was filed: later changes do not touch it */
  ladder: LoanLadder;
  /** how long approvers may leave a task open before they are reminded again */
  remindAfter?: Duration | RemindAfter;
  /** how often a disbursement queued behind a suspension re-reads the switch, in case a signal was lost */
  suspensionRecheck?: Duration;
  /** set when the workflow continues as new: everything it knew */
  state?: LoanWorkflowState;
  /** the loan chain as defined when the loan was filed; loans filed before the engine ran today's version 1 */
  chain?: ChainDefinition;
}

/**
 * One loan from application to the last repayment: finance review (R-L8) → executive meeting
 * (R-L6) → disbursement (R-L8, R-L4, R-L7; waits while suspended, R-M3) → repayment period with
 * the reminder and escalation ladder (R-L10) → closed. Continues as new at each ladder cycle so a
 * loan overdue for years keeps a small history.
 */
export async function loanWorkflow(input: LoanWorkflowInput): Promise<LoanPosition> {
  let state: LoanWorkflowState = input.state ?? {
    loanId: input.loanId, unitId: input.unitId, fiscalYear: input.fiscalYear, amount: input.amount, outstanding: '0.00',
    position: 'finance_review', terms: input.terms, ladder: input.ladder, payments: {}, control: { suspended: false, version: -1 },
  };
  const outbox = new Outbox();
  const mailNews = (news: LoanNews) => outbox.send(mailActs.mailLoanNews({ loanId: state.loanId, news }));
  const definition = input.chain ?? LOAN_CHAIN_DEFINITION;
  // The approval chain (finance review, executive meeting, returns) runs on the engine; the loan mirrors its position.
  const steps = new HumanSteps({
    definition, outbox, remindAfter: input.remindAfter ?? '3 days',
    state: state.chain ?? { ...initialChainState(definition, state.loanId, state.unitId), position: state.position },
    // The activity names this workflow type's recorded histories hold (it never resubmitted before the engine).
    activities: { open: 'openLoanTasks', mail: 'mailLoanTasks', remind: 'remindLoanTasks', decide: 'recordLoanDecision', resubmit: 'recordChainResubmission' },
    legacyDecideUpdates: [loanDecideUpdate],
    // The applicant hears of a rejection or withdrawal: owed by the decision's statement (OUTCOME_MAIL_OUTBOX), else an activity.
    mailsOutcome: (chainState) => chainState.position === 'rejected' || chainState.position === 'withdrawn',
    onMoved: (chainState, { action, comment, ownMail, outcomeOwed, content }) => {
      state = { ...state, position: chainState.position as LoanPosition, chain: chainState };
      if (ownMail && !outcomeOwed && (chainState.position === 'rejected' || chainState.position === 'withdrawn')) {
        mailNews(chainState.position === 'rejected' ? { kind: 'rejected', comment } : { kind: 'withdrawn', comment });
      }
      if (action === 'resubmit') state = { ...state, ...applicationTerms(content as LoanApplication) };
    },
    afterReminder: async () => { if (historyLarge()) await continueFresh(); },
  });
  const mutex = steps.mutex;

  setHandler(loanStateQuery, () => state);

  setHandler(disbursementControlSignal, (change) => {
    if (change.version >= state.control.version) state = { ...state, control: change };
  });

  const checkDisburse = (args: DisburseArgs) => {
    throwIfRefused(checkDisbursement(chain(state), args.actor, args.responsibleOfficer, today(), args.dueDate));
    if (state.queuedDisbursement) {
      throwIfRefused({ code: 'disbursement_queued', status: 409, message: '放款指令已在排队，待暂停支付解除后自动执行 / a disbursement is already queued until payments resume' });
    }
  };

  setHandler(disburseUpdate, (args) => mutex.runExclusive(async (): Promise<DisburseOutcome> => {
    checkDisburse(args);
    if (state.control.suspended) return queue(args);
    return disburseNow(args, true);
  }), { validator: checkDisburse });

  const checkRepay = ({ actor, paymentId, amount, paidOn }: RepaymentArgs) => {
    const seen = state.payments[paymentId];
    if (seen) {
      if (seen.amount !== amount) throwIfRefused({ code: 'payment_reference_reused', status: 409, field: 'paymentId', message: `付款编号 ${paymentId} 已登记过另一笔金额 / payment ${paymentId} was recorded with another amount` });
      return;
    }
    throwIfRefused(checkRepayment(chain(state), actor, amount));
    if (paidOn > today() || (state.disbursedAt !== undefined && paidOn < chinaDate(state.disbursedAt))) {
      throwIfRefused({ code: 'missing_field', status: 422, field: 'paidOn', message: '还款日期须在放款日至今天之间 / the payment date must lie between disbursement and today' });
    }
  };

  setHandler(recordRepaymentUpdate, (args) => mutex.runExclusive(async (): Promise<RepaymentOutcome> => {
    checkRepay(args);
    const seen = state.payments[args.paymentId];
    if (seen) return { outstanding: seen.outstandingAfter, closed: toFen(seen.outstandingAfter) === 0n, replayed: true };
    const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
    const r = await acts.recordLoanRepayment({
      loanId: state.loanId, paymentId: args.paymentId, amount: args.amount, paidOn: args.paidOn, reference: args.reference, actorId: args.actor.userId,
      ...(ownMail ? { mailSeparately: true } : {}),
    }).catch(surfaceActivityRefusal);
    if (ownMail) mailNews({ kind: 'repayment', paymentId: args.paymentId, amount: args.amount, paidOn: args.paidOn, outstanding: r.outstanding });
    state = {
      ...state, outstanding: r.outstanding, position: r.closed ? 'closed' : state.position,
      payments: { ...state.payments, [args.paymentId]: { amount: args.amount, outstandingAfter: r.outstanding } },
    };
    return { ...r, replayed: false };
  }), { validator: checkRepay });

  /** Disburses now; a suspension found in the database queues the instruction instead (R-M3). */
  async function disburseNow(args: DisburseArgs, fromUpdate: boolean): Promise<DisburseOutcome> {
    const now = Date.now();
    const dueDate = fixDueDate(chinaDate(now), state.terms, args.dueDate);
    const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
    try {
      await acts.disburseLoan({
        loanId: state.loanId, ...(state.chain ? { round: state.chain.round } : {}), actorId: args.actor.userId, responsibleOfficerId: args.responsibleOfficer.userId,
        disbursedAt: new Date(now).toISOString(), dueDate, reference: args.reference, ...(ownMail ? { mailSeparately: true } : {}),
      });
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === FAILURE_DISBURSEMENT_SUSPENDED) {
        const version = (cause.details?.[0] as { version?: number } | undefined)?.version ?? state.control.version;
        if (version >= state.control.version) state = { ...state, control: { suspended: true, version } };
        return queue(args);
      }
      if (fromUpdate) surfaceActivityRefusal(err);
      throw err;
    }
    if (ownMail) mailNews({ kind: 'disbursed' });
    state = {
      ...state, position: 'repayment', outstanding: state.amount, disbursedAt: now, dueDate, responsibleOfficerId: args.responsibleOfficer.userId,
      nextNotice: firstNoticeSeq(now, dueDate, state.ladder), queuedDisbursement: undefined,
    };
    return { status: 'disbursed', position: 'repayment', dueDate };
  }

  async function queue(args: DisburseArgs): Promise<DisburseOutcome> {
    state = { ...state, queuedDisbursement: args };
    await acts.noteDisbursementQueued({ loanId: state.loanId, actorId: args.actor.userId, version: state.control.version });
    return { status: 'queued', position: state.position };
  }

  /** Continue-as-new with everything the workflow knows, once no handler is mid-way. */
  async function continueFresh(): Promise<never> {
    await condition(allHandlersFinished);
    await outbox.drain();
    return continueAsNew<typeof loanWorkflow>({ ...input, state });
  }
  const historyLarge = () => workflowInfo().continueAsNewSuggested;

  // 1–2. Finance review and executive meeting (and the borrower's revisions): the chain's human steps.
  steps.install();
  await steps.run();

  // 3. Disbursement by the treasury; while suspended (R-M3) an instruction waits, nothing is lost.
  if (state.position === 'disbursement') await steps.openStep('disbursement');
  let retryQueuedLater = false;
  while (state.position === 'disbursement') {
    if (retryQueuedLater) {
      retryQueuedLater = false;
      await sleep('1 minute');
    }
    const queued = state.queuedDisbursement;
    if (queued && !state.control.suspended) {
      await mutex.runExclusive(async () => {
        if (state.position !== 'disbursement' || !state.queuedDisbursement || state.control.suspended) return;
        try {
          await disburseNow(queued, false);
        } catch (err) {
          // R-L8 may refuse once payments resume (the cap may have shrunk): tell the treasury, keep the loan waiting.
          const violations = refusalViolations(err);
          if (!violations) {
            // Not a refusal: the database stayed out longer than the activity's bound. The
            // instruction stays queued and the loop tries again; only a bug fails the loan.
            if (err instanceof ActivityFailure) { retryQueuedLater = true; return; }
            throw err;
          }
          state = { ...state, queuedDisbursement: undefined };
          const refusal = { loanId: state.loanId, actorId: queued.actor.userId, ruleIds: violations.map((v) => v.ruleId), detail: violations.map((v) => `${v.ruleId} ${v.zh}: ${v.detail}`).join('; ') };
          await persistently(() => stepActs.noteDisbursementRefused(refusal));
        }
      });
    } else if (queued) {
      if (!(await condition(() => !state.control.suspended, input.suspensionRecheck ?? '1 hour'))) {
        const c = await persistently(() => stepActs.readDisbursementControl());
        if (c.version >= state.control.version) state = { ...state, control: c };
      }
    } else if ((await waitForDecision(() => state.position !== 'disbursement' || !!state.queuedDisbursement, reminderWait(input.remindAfter ?? '3 days', Date.now()) as Duration)) === 'timed_out') {
      await steps.remind('disbursement');
    }
    if (historyLarge()) await continueFresh();
  }

  // 4. Repayment period: the ladder's notices until the balance is zero (R-L10).
  while (state.position === 'repayment') {
    const seq = state.nextNotice ?? 0;
    const notice = ladderNotice(state.dueDate!, state.ladder, seq);
    const wait = notice.at - Date.now();
    if (wait > 0 && (await condition(() => state.position !== 'repayment', wait))) break;
    await mutex.runExclusive(async () => {
      // A repayment may have closed the loan while this waited for the lock: then nothing is sent.
      if (state.position === 'repayment') await persistently(() => stepActs.sendLoanNotice({ loanId: state.loanId, notice }));
    });
    state = { ...state, nextNotice: seq + 1 };
    // Past the last rung every notice starts a new cycle of the ladder: start a fresh history there.
    if (state.position === 'repayment' && (seq + 1 >= state.ladder.rungs.length || historyLarge())) await continueFresh();
  }

  await condition(allHandlersFinished);
  await outbox.drain();
  return state.position;

}

/** What a resubmitted application changes in what the workflow knows: the amount and the terms (R-L4). */
function applicationTerms(app: LoanApplication): Pick<LoanWorkflowState, 'amount' | 'terms'> {
  return {
    amount: app.amount,
    terms: { ...(app.termMonths !== undefined ? { termMonths: app.termMonths } : {}), ...(app.requestedDueDate ? { requestedDueDate: app.requestedDueDate } : {}) },
  };
}

function chain(s: LoanWorkflowState): LoanChainState {
  return { loanId: s.loanId, unitId: s.unitId, position: s.position, amount: s.amount, outstanding: s.outstanding };
}

/** Today in workflow time (deterministic), as a China date. */
const today = () => chinaDate(Date.now());

function throwIfRefused(r: LoanRefusal | Violation[] | null): void {
  if (!r) return;
  if (Array.isArray(r)) {
    if (r.length) throw ruleViolation(r);
    return;
  }
  throw ApplicationFailure.create({ type: FAILURE_DECISION_REFUSED, message: r.message, details: [r], nonRetryable: true });
}

function refusalViolations(err: unknown): Violation[] | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type === 'RuleViolation') return cause.details?.[0] as Violation[];
  return undefined;
}
