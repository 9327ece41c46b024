import { onBehalfOfView } from '../delegation/decision-people';
import {
  BUDGET_CATEGORIES, BudgetCategory, BudgetPosition, DECISION_ACTIONS, DecisionAction, keyUnitFlags,
  MEETING_KINDS, MeetingKind, normalizeYuan, positionLabel, positionLabels, RULES,
} from '../../domain';

type Money = { toString(): string };
interface RequestRow {
  id: string; number: string; unitId: string; unit?: { code: string; name: string; monitored?: boolean }; fiscalYear: number; amount: Money; category: string;
  purpose: string; justification: string; disbursementPlan: unknown; threeGuarantees: boolean; generalPurpose: boolean; status: string;
  step: string; round: number; createdById: string; workflowId: string; createdAt: Date; updatedAt: Date; policyId?: string | null;
}

/** A request as lists and detail pages show it, with its flags explained by rule. */
export function presentBudgetRequest(r: RequestRow) {
  const category = BUDGET_CATEGORIES[r.category as BudgetCategory];
  return {
    id: r.id, number: r.number, unitId: r.unitId, unit: r.unit ? { code: r.unit.code, name: r.unit.name } : undefined,
    fiscalYear: r.fiscalYear, amount: normalizeYuan(r.amount),
    category: r.category, categoryLabel: { zh: category.zh, en: category.en },
    purpose: r.purpose, justification: r.justification, disbursementPlan: r.disbursementPlan ?? null, policyId: r.policyId ?? null,
    status: r.status, step: r.step, stepLabel: { zh: positionLabel(r.step as BudgetPosition), en: stepEn(r.step) }, round: r.round,
    flags: [
      ...(r.threeGuarantees ? [{ ruleId: 'R-B5', zh: '三保优先', en: 'Three-guarantees priority', rule: RULES['R-B5'].zh }] : []),
      ...(r.generalPurpose ? [{ ruleId: 'R-B4', zh: '一般性支出', en: 'General-purpose spending', rule: RULES['R-B4'].zh }] : []),
      ...keyUnitFlags(r.unit),
    ],
    /** R-M2: the unit is a key unit under the director's watch */
    keyUnit: Boolean(r.unit?.monitored),
    createdById: r.createdById, workflowId: r.workflowId, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

const stepEn = (step: string) => positionLabels(step as BudgetPosition).en;

type DecisionRow = {
  id: string; round: number; step: string; action: string; actorId: string; actor?: { displayName: string }; actorRole: string;
  comment: string | null; meetingKind: string | null; meetingReference: string | null; resolutionReference: string | null; decidedAt: Date;
  onBehalfOfId?: string | null; onBehalfOf?: { displayName: string } | null; proceededAnyway?: boolean;
};

/** A budget request's decision, its step named as the R-B2 chain names it. */
export const presentDecision = (d: DecisionRow) => presentChainDecision(d, (step) => ({ zh: positionLabel(step as BudgetPosition), en: stepEn(step) }));

/** A decision of any chain, its step named by `stepLabel`. */
export function presentChainDecision(d: DecisionRow, stepLabel: (step: string) => { zh: string; en: string }) {
  return {
    id: d.id, round: d.round, step: d.step, stepLabel: stepLabel(d.step),
    action: d.action, actionLabel: DECISION_ACTIONS[d.action as DecisionAction], actorId: d.actorId, actorName: d.actor?.displayName,
    actorRole: d.actorRole, comment: d.comment, decidedAt: d.decidedAt, ...onBehalfOfView(d),
    ...(d.meetingKind ? { meetingKind: d.meetingKind, meetingLabel: MEETING_KINDS[d.meetingKind as MeetingKind] } : {}),
    ...(d.meetingReference ? { meetingReference: d.meetingReference } : {}),
    ...(d.resolutionReference ? { resolutionReference: d.resolutionReference } : {}),
  };
}

export { presentTask } from '../tasks/present-task';

export const presentMoney = normalizeYuan;
