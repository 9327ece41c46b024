import {
  allHandlersFinished, ApplicationFailure, condition, defineQuery, defineUpdate, getExternalWorkflowHandle, proxyActivities, setHandler, startChild,
} from '@temporalio/workflow';
import type { YearTurnActivities, YearTurnDecision, YearTurnItem } from '../activities/year-turn';
import { Actor, chinaDate, fiscalYearAt, hasRole } from '../domain';
import { budgetWorkflowId } from './budget-messages';
import { surfaceActivityRefusal } from './shared';

const acts = proxyActivities<YearTurnActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 10 } });

/** The Temporal Schedule that fires at 00:05 on 1 January, China time. */
export const YEAR_TURN_SCHEDULE = 'year-turn';
export const yearTurnWorkflowId = (fromYear: number) => `year-turn-${fromYear}`;

export interface DecideYearTurnArgs { actor: Actor; decisions: YearTurnDecision[] }
export const decideYearTurnUpdate = defineUpdate<{ carried: number; lapsed: number }, [DecideYearTurnArgs]>('decideYearTurn');
export const yearTurnQuery = defineQuery<{ fromYear: number; toYear: number; items: YearTurnItem[]; decided: boolean }>('yearTurn');

const refuse = (code: string, status: number, message: string) =>
  ApplicationFailure.create({ type: 'DecisionRefused', nonRetryable: true, details: [{ code, status, message, field: 'decisions' }], message });

/**
 * R-B11 at the turn of `fromYear` (default: the year that just ended, China time): lists the requests
 * still in their chain and waits for the finance director to carry each into the new year or let it lapse;
 * reminds every 3 days until decided. Nothing lapses silently.
 */
export async function yearTurnWorkflow(input: { fromYear?: number } = {}): Promise<{ carried: number; lapsed: number }> {
  const fromYear = input.fromYear ?? fiscalYearAt(Date.now()) - 1;
  const toYear = fromYear + 1;
  const { items, status } = await acts.openYearTurn({ fromYear, toYear });
  let outcome: { carried: number; lapsed: number } | undefined = status === 'decided' ? { carried: 0, lapsed: 0 } : undefined;

  setHandler(yearTurnQuery, () => ({ fromYear, toYear, items, decided: outcome !== undefined }));
  setHandler(decideYearTurnUpdate, async ({ actor, decisions }) => {
    outcome = await acts.applyYearTurn({ fromYear, toYear, actorId: actor.userId, decisions }).catch(surfaceActivityRefusal);
    // Lapsed requests' own workflows end here; their rows are already lapsed and their tasks closed.
    for (const d of decisions.filter((x) => x.action === 'lapse')) {
      await getExternalWorkflowHandle(budgetWorkflowId(d.requestId)).cancel().catch(() => undefined);
    }
    return outcome;
  }, {
    validator: ({ actor, decisions }: DecideYearTurnArgs) => {
      if (outcome) throw refuse('year_turn_decided', 409, `${fromYear} 年度结转已决定 / the year turn is already decided`);
      if (!hasRole(actor, 'finance_director')) throw refuse('wrong_role', 403, '年度结转由财政局局长决定 / only the finance director decides the year turn');
      const listed = new Set(items.map((i) => i.requestId));
      const given = decisions.map((d) => d.requestId);
      const missing = items.filter((i) => !given.includes(i.requestId)).map((i) => i.number);
      if (missing.length || given.length !== listed.size || given.some((id) => !listed.has(id))) {
        throw refuse('year_turn_incomplete', 422, `每项申请须且只须决定一次（结转或失效），未决定：${missing.join('、') || '—'} / decide every listed request exactly once`);
      }
    },
  });

  while (!outcome) {
    if (!(await condition(() => outcome !== undefined, '3 days'))) await acts.remindYearTurn({ fromYear, day: chinaDate(Date.now()) });
  }
  await condition(allHandlersFinished);
  return outcome;
}

/** What the Schedule starts: the turn of the year that just ended, under its business key, once. */
export async function yearTurnScheduledWorkflow(): Promise<void> {
  const fromYear = fiscalYearAt(Date.now()) - 1;
  try {
    await startChild(yearTurnWorkflow, { workflowId: yearTurnWorkflowId(fromYear), args: [{ fromYear }], parentClosePolicy: 'ABANDON' });
  } catch (err) {
    // Already started for this year (by the director, or an earlier firing): nothing to do.
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
}
