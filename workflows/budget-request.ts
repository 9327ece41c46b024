import { allHandlersFinished, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { BudgetActivities } from '../activities/budget';
import {
  actingRole, applyDecision, BudgetChainState, BudgetStep, checkBudgetContent, checkDecision, checkRevision,
  holdsReservation, nextPosition, BudgetPosition, Actor, chinaDate,
} from '../domain';
import { chainStateQuery, decideUpdate, DecisionOutcome, resubmitUpdate, withdrawUpdate } from './budget-messages';
import {
  MAIL_IN_OWN_ACTIVITY, MAIL_WORK, Mutex, Outbox, STEP_WORK, UNDER_LOCK, persistently, refused, ruleViolation, surfaceActivityRefusal, waitForDecision,
} from './shared';

const acts = proxyActivities<BudgetActivities>(UNDER_LOCK);
const stepActs = proxyActivities<BudgetActivities>(STEP_WORK);
const mailActs = proxyActivities<BudgetActivities>(MAIL_WORK);

export interface BudgetRequestWorkflowInput {
  requestId: string;
  unitId: string;
  /** how long approvers may leave a task open before they are reminded again */
  remindAfter?: Duration;
}

const TERMINAL: readonly BudgetPosition[] = ['executed', 'rejected', 'withdrawn'];

/** One supplementary-budget request walking the R-B2 chain until it is executed, rejected or withdrawn. */
export async function budgetRequestWorkflow(input: BudgetRequestWorkflowInput): Promise<BudgetPosition> {
  let state: BudgetChainState = {
    requestId: input.requestId, unitId: input.unitId, position: 'finance_review', round: 1, briefingLeaders: [], acknowledged: [],
  };
  // Tasks of the current step are opened by an activity; decisions wait until that has happened.
  let openedFor = '';
  const here = () => `${state.round}:${state.position}`;
  const mutex = new Mutex();
  const outbox = new Outbox();

  setHandler(chainStateQuery, () => state);

  // A decision applies to the step whose tasks exist; it waits while they are being opened.
  const stepOpened = () => condition(() => openedFor === here() || TERMINAL.includes(state.position));

  setHandler(decideUpdate, ({ actor, decision, expected }) => mutex.run(async (): Promise<DecisionOutcome> => {
    await stepOpened();
    const refusal = checkDecision(state, actor, decision, expected);
    if (refusal) throw refused(refusal);
    const step = state.position as BudgetStep;
    const next = nextPosition(state, actor.userId, decision.action);
    const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
    await acts.recordDecision({
      requestId: state.requestId, round: state.round, step, actorId: actor.userId, actorRole: actingRole(step, actor)!,
      decision, next, funds: fundsEffect(step, next), executedOn: isoDate(), ...(ownMail ? { mailSeparately: true } : {}),
    }).catch(surfaceActivityRefusal);
    if (ownMail) mailOutcome(next, decision.comment);
    state = applyDecision(state, actor.userId, decision.action);
    return { position: state.position, round: state.round };
  }), {
    validator: ({ actor, decision, expected }) => {
      // Until the briefing's tasks exist the leader list is unknown; the handler checks it then.
      const leaders = state.briefingLeaders.length ? state.briefingLeaders : [actor.userId];
      const refusal = checkDecision({ ...state, briefingLeaders: leaders }, actor, decision, expected);
      if (refusal) throw refused(refusal);
    },
  });

  setHandler(resubmitUpdate, ({ actor, content, expectedRound, fiscalYear }) => mutex.run(async () => {
    await stepOpened();
    checkRevisionOrThrow(state, actor, expectedRound);
    const violations = checkBudgetContent(content, fiscalYear);
    if (violations.length) throw ruleViolation(violations);
    await acts.recordResubmission({ requestId: state.requestId, round: state.round + 1, actorId: actor.userId, content }).catch(surfaceActivityRefusal);
    state = applyDecision(state, actor.userId, 'resubmit');
    return { position: state.position, round: state.round };
  }), {
    validator: ({ actor, content, expectedRound, fiscalYear }) => {
      checkRevisionOrThrow(state, actor, expectedRound);
      const violations = checkBudgetContent(content, fiscalYear);
      if (violations.length) throw ruleViolation(violations);
    },
  });

  setHandler(withdrawUpdate, ({ actor, comment }) => mutex.run(async () => {
    await stepOpened();
    checkRevisionOrThrow(state, actor);
    const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
    await acts.recordDecision({
      requestId: state.requestId, round: state.round, step: 'revision', actorId: actor.userId, actorRole: 'dept_clerk',
      decision: { action: 'withdraw', comment }, next: 'withdrawn', funds: 'none', executedOn: isoDate(), ...(ownMail ? { mailSeparately: true } : {}),
    }).catch(surfaceActivityRefusal);
    if (ownMail) mailOutcome('withdrawn', comment);
    state = applyDecision(state, actor.userId, 'withdraw');
    return { position: state.position, round: state.round };
  }), { validator: ({ actor }) => checkRevisionOrThrow(state, actor) });

  /** The filing clerk hears how the request ended, in a mail of its own. */
  function mailOutcome(next: BudgetPosition, comment?: string): void {
    if (TERMINAL.includes(next)) outbox.send(mailActs.mailBudgetOutcome({ requestId: state.requestId, position: next, comment }));
  }

  while (!TERMINAL.includes(state.position)) {
    const at = here();
    const where = { requestId: state.requestId, round: state.round, step: state.position as BudgetStep };
    // The step opens (its tasks written) before anyone is mailed, so decisions never wait for the mail server.
    const ownMail = patched(MAIL_IN_OWN_ACTIVITY);
    const { assignees } = ownMail
      ? await persistently(() => stepActs.openStepTasks({ ...where, mailSeparately: true }))
      : await acts.openStepTasks(where);
    if (state.position === 'leader_briefing') state = { ...state, briefingLeaders: assignees, acknowledged: [] };
    openedFor = at;
    if (ownMail) outbox.send(mailActs.mailStepTasks(where));
    while ((await waitForDecision(() => here() !== at, input.remindAfter ?? '3 days')) === 'timed_out') {
      await (ownMail ? persistently(() => stepActs.remindOpenTasks(where)) : acts.remindOpenTasks(where));
    }
  }
  await condition(allHandlersFinished);
  await outbox.drain();
  return state.position;
}

function checkRevisionOrThrow(state: BudgetChainState, actor: Actor, expectedRound?: number): void {
  const refusal = checkRevision(state, actor, expectedRound);
  if (refusal) throw refused(refusal);
}

/** What a transition does to the request's hold on available resources (R-B3). */
function fundsEffect(from: BudgetStep, to: BudgetPosition): 'reserve' | 'release' | 'commit' | 'none' {
  if (to === 'executed') return 'commit';
  if (!holdsReservation(from) && holdsReservation(to)) return 'reserve';
  if (holdsReservation(from) && !holdsReservation(to)) return 'release';
  return 'none';
}

/** Today in workflow time (deterministic), as YYYY-MM-DD. */
const isoDate = (): string => chinaDate(Date.now());
