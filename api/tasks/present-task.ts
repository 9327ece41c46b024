import { chainDefinition, chainPositionLabel, DECISION_ACTIONS, REVISION, stepActions } from '../../domain';

/**
 * A task of any chain as the inbox and the subject pages show it: its step labelled and the actions
 * it offers from the chain's definition (a returned subject offers the applicant's resubmit and withdraw).
 */
export function presentTask(t: {
  id: string; subjectType: string; subjectId: string; round: number; step: string; role: string; status: string; priority: number;
  openedAt: Date; closedAt: Date | null; assigneeId: string;
}, now = new Date()) {
  const def = chainDefinition(t.subjectType);
  const actions: (keyof typeof DECISION_ACTIONS)[] = !def ? [] : t.step === REVISION ? ['resubmit', 'withdraw'] : stepActions(def, t.step) as (keyof typeof DECISION_ACTIONS)[];
  return {
    id: t.id, subjectType: t.subjectType, subjectId: t.subjectId, round: t.round, step: t.step,
    stepLabel: def ? chainPositionLabel(def, t.step) : { zh: t.step, en: t.step },
    actions,
    role: t.role, status: t.status, priority: t.priority, assigneeId: t.assigneeId, openedAt: t.openedAt, closedAt: t.closedAt,
    ageHours: Math.floor(((t.closedAt ?? now).getTime() - t.openedAt.getTime()) / 3600_000),
  };
}
