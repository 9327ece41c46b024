import { BUDGET_CATEGORIES, BudgetCategory, CHANGE_OF_USE_STATUSES, ChangeOfUseStatus, changeOfUsePositionLabel, keyUnitFlags, normalizeYuan, RULES } from '../../domain';

type Money = { toString(): string };
export interface ChangeOfUseRow {
  id: string; number: string; unitId: string; unit?: { code: string; name: string; monitored?: boolean }; fiscalYear: number; amount: Money;
  fromUse: string; fromCategory: string; toUse: string; toCategory: string; sourceThreeGuarantees: boolean; reason: string;
  status: string; step: string; meetingReference: string | null; recordedAt: Date | null; createdById: string; workflowId: string;
  createdAt: Date; updatedAt: Date;
}

const category = (c: string) => BUDGET_CATEGORIES[c as BudgetCategory] ?? { zh: c, en: c };

/** A change-of-use request as lists and its page show it. */
export function presentChangeOfUse(c: ChangeOfUseRow) {
  return {
    id: c.id, number: c.number, unitId: c.unitId, unit: c.unit ? { code: c.unit.code, name: c.unit.name } : undefined,
    fiscalYear: c.fiscalYear, amount: normalizeYuan(c.amount),
    fromUse: c.fromUse, fromCategory: c.fromCategory, fromCategoryLabel: { zh: category(c.fromCategory).zh, en: category(c.fromCategory).en },
    toUse: c.toUse, toCategory: c.toCategory, toCategoryLabel: { zh: category(c.toCategory).zh, en: category(c.toCategory).en },
    sourceThreeGuarantees: c.sourceThreeGuarantees, reason: c.reason,
    status: c.status, statusLabel: CHANGE_OF_USE_STATUSES[c.status as ChangeOfUseStatus] ?? { zh: c.status, en: c.status },
    step: c.step, stepLabel: changeOfUsePositionLabel(c.step),
    flags: [...(c.sourceThreeGuarantees ? [{ ruleId: 'R-B5', zh: '三保资金', en: 'Three-guarantees money', rule: RULES['R-B5'].zh }] : []), ...keyUnitFlags(c.unit)],
    keyUnit: Boolean(c.unit?.monitored),
    meetingReference: c.meetingReference, recordedAt: c.recordedAt,
    createdById: c.createdById, workflowId: c.workflowId, createdAt: c.createdAt, updatedAt: c.updatedAt,
  };
}
