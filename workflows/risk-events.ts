import { allHandlersFinished, ApplicationFailure, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { RiskEventActivities } from '../activities/risk-events';
import { Actor, BUREAU_STAFF, hasRole } from '../domain';
import { STEP_WORK, surfaceActivityRefusal, UNDER_LOCK } from './shared';

const acts = proxyActivities<RiskEventActivities>(STEP_WORK);
const locked = proxyActivities<RiskEventActivities>(UNDER_LOCK);

export const riskEventWorkflowId = (eventId: string) => `risk-event-${eventId}`;

export interface RiskEventNote { actor: Actor; note: string }
export const reportRiskEventUpdate = defineUpdate<{ late: boolean }, [RiskEventNote]>('reportRiskEvent');
export const closeRiskEventUpdate = defineUpdate<void, [RiskEventNote]>('closeRiskEvent');

const refuse = (code: string, status: number, message: string) =>
  ApplicationFailure.create({ type: 'DecisionRefused', nonRetryable: true, details: [{ code, status, message }], message });

/**
 * R-M4: a risk event's report is due within the configured hours of its recording; if the deadline
 * passes unreported it is flagged 从重问责 at once. The event stays open for its handling steps until closed.
 */
export async function riskEventWorkflow(input: { eventId: string }): Promise<{ late: boolean }> {
  // Handlers first: a report may arrive before the event has been read.
  let reported = false;
  let closed = false;
  let late = false;
  let ready = false;

  setHandler(reportRiskEventUpdate, async ({ actor, note }) => {
    await condition(() => ready);
    const r = await locked.reportRiskEvent({ eventId: input.eventId, actorId: actor.userId, note, at: Date.now() }).catch(surfaceActivityRefusal);
    reported = true;
    late = r.late;
    return r;
  }, {
    validator: ({ actor }: RiskEventNote) => {
      if (reported) throw refuse('already_reported', 409, '风险事件已上报 / the event is already reported');
      if (!hasRole(actor, ...BUREAU_STAFF)) throw refuse('wrong_role', 403, '由财政局上报 / the bureau reports risk events');
    },
  });
  setHandler(closeRiskEventUpdate, async ({ actor, note }) => {
    await condition(() => ready);
    await locked.closeRiskEvent({ eventId: input.eventId, actorId: actor.userId, note, at: Date.now() }).catch(surfaceActivityRefusal);
    closed = true;
  }, {
    validator: ({ actor }: RiskEventNote) => {
      if (!reported) throw refuse('not_reported', 409, '风险事件须先上报再结案 / report the event before closing it');
      if (closed) throw refuse('already_closed', 409, '风险事件已结案 / the event is already closed');
      if (!hasRole(actor, 'finance_director', 'finance_reviewer')) throw refuse('wrong_role', 403, '由财政局审核人或局长结案 / the finance reviewer or director closes an event');
    },
  });

  const e = await acts.readRiskEvent({ eventId: input.eventId });
  reported ||= e.reported;
  closed ||= e.closed;
  ready = true;
  if (!reported && !(await condition(() => reported, Math.max(1, e.reportDueAt - Date.now())))) {
    await acts.flagLateRiskReport({ eventId: e.eventId });
    late = true;
  }
  await condition(() => closed);
  await condition(allHandlersFinished);
  return { late };
}
