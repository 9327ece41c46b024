import { allHandlersFinished, condition, patched, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Duration, UpdateDefinition } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import {
  applyChainDecision, applyResubmission, applyWithdrawal, awaitsPeople, chainActingRole, ChainDefinition, ChainState, chinaDate,
  checkChainDecision, checkResubmission, checkWithdrawal, reminderWait, RemindAfter, stepActions, stepOf, Violation,
} from '../../domain';
import type { ChainActivityName, ChainDecisionInput, ChainResubmissionInput, ChainStepRef, DecisionRecorded, NextStepOpening } from '../../activities/approval/contract';
import {
  LOCAL_STEP_WORK, MAIL_IN_OWN_ACTIVITY, MAIL_WORK, OPEN_WITH_DECISION, OUTCOME_MAIL_OUTBOX, Outbox, RESUBMIT_OPENS, STEP_MAIL_OUTBOX, STEP_WORK, STEP_WORK_LOCAL, UNDER_LOCK, UNDER_LOCK_LOCAL, persistently, refused, ruleViolation, surfaceActivityRefusal, waitForDecision,
} from '../shared';
import { decideUpdate, DecideArgs, DecisionOutcome, resubmitUpdate, withdrawUpdate } from './messages';

type AnyActivity = (arg: unknown) => Promise<unknown>;
const underLock = proxyActivities<Record<string, AnyActivity>>(UNDER_LOCK);
const stepWork = proxyActivities<Record<string, AnyActivity>>(STEP_WORK);
const mailWork = proxyActivities<Record<string, AnyActivity>>(MAIL_WORK);
const underLockLocal = proxyLocalActivities<Record<string, AnyActivity>>(UNDER_LOCK_LOCAL);
const stepWorkLocal = proxyLocalActivities<Record<string, AnyActivity>>(STEP_WORK_LOCAL);
/** Since LOCAL_STEP_WORK a decision is recorded by a local activity: one workflow task, no activity round trip. */
const recorder = () => (patched(LOCAL_STEP_WORK) ? underLockLocal : underLock);

/**
 * The activity types one workflow type calls for its human steps. They are named per workflow type
 * because recorded histories name them: a workflow type keeps the names it always had, so running
 * requests replay unchanged; a new chain takes the engine's generic names (CHAIN_ACTIVITY_NAMES).
 */
export type ChainActivityNames = Record<'open' | 'mail' | 'remind' | 'decide' | 'resubmit', ChainActivityName>;

export const CHAIN_ACTIVITY_NAMES: ChainActivityNames = {
  open: 'openChainTasks', mail: 'mailChainTasks', remind: 'remindChainTasks', decide: 'recordChainDecision', resubmit: 'recordChainResubmission',
};

/**
 * How the subject moved: the action, the decision's comment, whether mail goes out apart
 * (MAIL_IN_OWN_ACTIVITY), whether the decision's statement owes the applicant's mail
 * (OUTCOME_MAIL_OUTBOX: then the workflow sends none), a resubmission's content.
 */
export interface MoveInfo { action: string; comment?: string; ownMail: boolean; outcomeOwed?: boolean; content?: unknown }

export interface HumanStepsOptions {
  definition: ChainDefinition;
  state: ChainState;
  activities: ChainActivityNames;
  outbox: Outbox;
  /** how long a task may stay open before its assignees are reminded again (a duration, or working days with their calendar) */
  remindAfter: Duration | RemindAfter;
  /** the subject moved (decided, withdrawn, resubmitted): the workflow mirrors it, and mails whoever must hear of it */
  onMoved?(state: ChainState, how: MoveInfo): void;
  /** whether reaching this state mails the applicant where the subject stands (the workflow's onMoved mails it otherwise) */
  mailsOutcome?(state: ChainState): boolean;
  /** the chain's own rules over a resubmitted application (its rule violations) */
  checkContent?(content: unknown, fiscalYear: number): Violation[];
  /** after each reminder (the loan continues as new when its history grows long) */
  afterReminder?(): Promise<void>;
  /** update names this workflow type's recorded histories used for `decide` (the loan's `loanDecide`) */
  legacyDecideUpdates?: UpdateDefinition<unknown, [DecideArgs]>[];
}

/**
 * One chain's human steps, for any chain definition: opens each step's tasks, waits for the decision
 * with reminders, and decides under the lock through the one `decide` update (and the applicant's
 * `resubmit` and `withdraw`), checking every decision against the definition the workflow was started with.
 */
export class HumanSteps {
  readonly def: ChainDefinition;
  state: ChainState;
  /** the round and step whose tasks exist: decisions wait until they do */
  private openedFor = '';
  /** the round and step its decision could not open (OPEN_WITH_DECISION): opened by a regular activity */
  private openApart = '';
  /** who held each step's tasks when it last opened (the budget's query shows the briefing's leaders) */
  readonly lastAssignees: Record<string, string[]> = {};
  /** decisions and activities that share the state run one at a time */
  readonly mutex = new Mutex();

  constructor(private readonly o: HumanStepsOptions) {
    this.def = o.definition;
    this.state = o.state;
  }

  private here = () => `${this.state.round}:${this.state.position}`;
  private ref = (step: string): ChainStepRef => ({ chain: this.def.id, subjectId: this.state.subjectId, round: this.state.round, step });
  /** A decision applies to the step whose tasks exist; it waits while they are being opened. */
  private stepOpened = () => condition(() => this.openedFor === this.here() || !awaitsPeople(this.def, this.state.position));

  private move(state: ChainState, how: MoveInfo): void {
    this.state = state;
    this.o.onMoved?.(state, how);
  }

  /** Registers the decide, resubmit and withdraw updates with their validators. */
  install(): void {
    const decide = (args: DecideArgs) => this.mutex.runExclusive(() => this.decide(args));
    const validator = ({ actor, decision, expected, onBehalfOf }: DecideArgs) => {
      const refusal = checkChainDecision(this.def, this.state, actor, decision, expected, onBehalfOf);
      if (refusal) throw refused(refusal);
    };
    setHandler(decideUpdate, decide, { validator });
    for (const legacy of this.o.legacyDecideUpdates ?? []) setHandler(legacy, decide, { validator });

    const checkResubmit = ({ actor, content, expectedRound, fiscalYear }: { actor: DecideArgs['actor']; content: unknown; expectedRound?: number; fiscalYear: number }) => {
      const refusal = checkResubmission(this.def, this.state, actor, expectedRound);
      if (refusal) throw refused(refusal);
      const violations = this.o.checkContent?.(content, fiscalYear) ?? [];
      if (violations.length) throw ruleViolation(violations);
    };
    setHandler(resubmitUpdate, (args) => this.mutex.runExclusive(async (): Promise<DecisionOutcome> => {
      await this.stepOpened();
      checkResubmit(args);
      const after = applyResubmission(this.def, this.state);
      const opening = patched(RESUBMIT_OPENS) ? this.openingAfter(after) : undefined;
      const input: ChainResubmissionInput = { ...this.ref(this.state.position), round: after.round, actorId: args.actor.userId, content: args.content, ...(opening ? { open: opening } : {}) };
      const recorded = (await recorder()[this.o.activities.resubmit](input).catch(surfaceActivityRefusal)) as DecisionRecorded | undefined;
      this.move(after, { action: 'resubmit', ownMail: true, content: args.content });
      this.openedWith(opening, recorded);
      return this.outcome();
    }), { validator: checkResubmit });

    const checkWithdraw = ({ actor }: { actor: DecideArgs['actor'] }) => {
      const refusal = checkWithdrawal(this.def, this.state, actor);
      if (refusal) throw refused(refusal);
    };
    setHandler(withdrawUpdate, ({ actor, comment }) => this.mutex.runExclusive(async (): Promise<DecisionOutcome> => {
      await this.stepOpened();
      checkWithdraw({ actor });
      const after = applyWithdrawal(this.def, this.state);
      const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
      const outcomeOwed = this.outcomeOwed(after, ownMail);
      await recorder()[this.o.activities.decide](this.decisionInput(actor, { action: 'withdraw', comment }, after.position, undefined, ownMail, undefined, undefined, outcomeOwed))
        .catch(surfaceActivityRefusal);
      this.move(after, { action: 'withdraw', comment, ownMail, outcomeOwed });
      return this.outcome();
    }), { validator: checkWithdraw });
  }

  private outcome = (): DecisionOutcome => ({ position: this.state.position, round: this.state.round });

  private decisionInput(
    actor: DecideArgs['actor'], decision: ChainDecisionInput['decision'], next: string, effect: string | undefined, ownMail: boolean, onBehalfOf?: string,
    open?: NextStepOpening, outcomeMail = false,
  ): ChainDecisionInput {
    const step = this.state.position;
    return {
      ...this.ref(step), actorId: actor.userId, ...(onBehalfOf && onBehalfOf !== actor.userId ? { onBehalfOfId: onBehalfOf } : {}),
      actorRole: chainActingRole(this.def, step, actor) ?? actor.roles[0], decision, next, ...(effect ? { effect } : {}),
      executedOn: chinaDate(Date.now()), ...(ownMail ? { mailSeparately: true } : {}), ...(open ? { open } : {}), ...(outcomeMail ? { outcomeMail: true } : {}),
    };
  }

  /** Whether the decision's statement owes the applicant's mail of `after` (OUTCOME_MAIL_OUTBOX), so the workflow sends none. */
  private outcomeOwed(after: ChainState, ownMail: boolean): boolean {
    return ownMail && !!this.o.mailsOutcome?.(after) && patched(LOCAL_STEP_WORK) && patched(STEP_MAIL_OUTBOX) && patched(OUTCOME_MAIL_OUTBOX);
  }

  private async decide({ actor, decision, expected, onBehalfOf }: DecideArgs): Promise<DecisionOutcome> {
    await this.stepOpened();
    const refusal = checkChainDecision(this.def, this.state, actor, decision, expected, onBehalfOf);
    if (refusal) throw refused(refusal);
    const represented = onBehalfOf && onBehalfOf !== actor.userId ? onBehalfOf : undefined;
    const { state: after, effect } = applyChainDecision(this.def, this.state, actor.userId, decision.action, represented);
    const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
    const opening = ownMail ? this.openingAfter(after) : undefined;
    const outcomeOwed = this.outcomeOwed(after, ownMail);
    const recorded = (await recorder()[this.o.activities.decide](this.decisionInput(actor, decision, after.position, effect, ownMail, represented, opening, outcomeOwed))
      .catch(surfaceActivityRefusal)) as DecisionRecorded | undefined;
    this.move(after, { action: decision.action, comment: decision.comment, ownMail, outcomeOwed });
    this.openedWith(opening, recorded);
    return this.outcome();
  }

  /** Notes what the recording activity opened; a step it could not open is left to a regular activity. */
  private openedWith(opening: NextStepOpening | undefined, recorded: DecisionRecorded | undefined): void {
    if (opening && recorded?.opened) this.opened(opening.step, opening.round, recorded.opened.assignees);
    else if (opening) this.openApart = `${opening.round}:${opening.step}`;
  }

  /** The step a decision or resubmission leads to, for its activity to open (OPEN_WITH_DECISION), if it leads to another human step. */
  private openingAfter(after: ChainState): NextStepOpening | undefined {
    if (!awaitsPeople(this.def, after.position) || (after.position === this.state.position && after.round === this.state.round)) return undefined;
    if (!(patched(LOCAL_STEP_WORK) && patched(STEP_MAIL_OUTBOX) && patched(OPEN_WITH_DECISION))) return undefined;
    const { assignees, copy } = stepOf(this.def, after.position)!;
    return { round: after.round, step: after.position, assignees, ...(copy ? { copy } : {}), mailSeparately: true, mailOutbox: { actions: stepActions(this.def, after.position) } };
  }

  /** The step's tasks exist, held by `assignees`: decisions on it may go ahead. */
  private opened(step: string, round: number, assignees: string[]): void {
    this.lastAssignees[step] = assignees;
    if (step === this.state.position) this.state = { ...this.state, assignees, agreed: [] };
    this.openedFor = `${round}:${step}`;
  }

  /**
   * The whole life of a subject that is only its chain: the updates installed, the steps walked to a
   * terminal, the last handlers finished and the mails sent (the same commands, in the same order, as
   * the budget workflow always issued).
   */
  async runToEnd(): Promise<void> {
    this.install();
    await this.run();
    await condition(allHandlersFinished);
    await this.o.outbox.drain();
  }

  /** Walks the chain's human steps until the subject reaches a position no person decides here (a terminal, or a task decided by its own command). */
  async run(): Promise<void> {
    while (awaitsPeople(this.def, this.state.position)) {
      const at = this.here();
      const step = this.state.position;
      await this.openStep(step);
      while ((await waitForDecision(() => this.here() !== at, reminderWait(this.o.remindAfter, Date.now()) as Duration)) === 'timed_out') {
        await this.remind(step);
        await this.o.afterReminder?.();
      }
    }
  }

  /**
   * Opens a step's tasks (one per assignee, found by the step's rule in this workflow's definition);
   * since MAIL_IN_OWN_ACTIVITY their e-mails follow in an activity nobody waits for, and since
   * STEP_MAIL_OUTBOX the opening itself owes them to the worker's mail outbox.
   */
  async openStep(step: string): Promise<void> {
    const here = `${this.state.round}:${step}`;
    if (this.openedFor === here) return; // the decision that led here opened it
    const where = this.ref(step);
    const { assignees, copy } = stepOf(this.def, step)!;
    const open = { ...where, assignees, ...(copy ? { copy } : {}) };
    const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
    const local = ownMail && patched(LOCAL_STEP_WORK);
    // A step its decision could not open is retried by a regular activity: a local one would hold back the workflow task.
    const work = local && this.openApart !== here ? stepWorkLocal : stepWork;
    const actions = stepActions(this.def, step);
    const viaOutbox = local && patched(STEP_MAIL_OUTBOX);
    const opened = (ownMail
      ? await persistently(() => work[this.o.activities.open]({ ...open, mailSeparately: true, ...(viaOutbox ? { mailOutbox: { actions } } : {}) }))
      : await underLock[this.o.activities.open](open)) as { assignees: string[] };
    this.opened(step, where.round, opened.assignees);
    if (ownMail && !viaOutbox) this.o.outbox.send(mailWork[this.o.activities.mail]({ ...where, actions }));
  }

  /** Reminds whoever still holds the step's task open (once per task per China day). */
  async remind(step: string): Promise<void> {
    const where = { ...this.ref(step), day: chinaDate(Date.now()), actions: stepActions(this.def, step) };
    await (patched(MAIL_IN_OWN_ACTIVITY) ? persistently(() => stepWork[this.o.activities.remind](where)) : underLock[this.o.activities.remind](where));
  }
}
