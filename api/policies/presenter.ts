import { ASSESSMENT_OUTCOMES, AssessmentOutcome, normalizeYuan, POLICY_STATUSES, PolicyStatus, policyPositionLabel } from '../../domain';

type Money = { toString(): string };
export interface PolicyRow {
  id: string; number: string; unitId: string; unit?: { code: string; name: string }; fiscalYear: number; title: string; summary: string;
  scope: string; yearlyCost: Money; status: string; step: string; assessmentOutcome: string | null; assessmentReference: string | null;
  assessmentNote: string | null; meetingReference: string | null; filingReference: string | null; filingAuthority: string | null;
  inForceAt: Date | null; endedAt: Date | null; createdById: string; workflowId: string; createdAt: Date; updatedAt: Date;
}

/** A policy as lists and its page show it: where it stands, and what its assessment, meeting and filing recorded. */
export function presentPolicy(p: PolicyRow) {
  return {
    id: p.id, number: p.number, unitId: p.unitId, unit: p.unit ? { code: p.unit.code, name: p.unit.name } : undefined,
    fiscalYear: p.fiscalYear, title: p.title, summary: p.summary, scope: p.scope, yearlyCost: normalizeYuan(p.yearlyCost),
    status: p.status, statusLabel: POLICY_STATUSES[p.status as PolicyStatus] ?? { zh: p.status, en: p.status },
    step: p.step, stepLabel: policyPositionLabel(p.step),
    assessment: p.assessmentOutcome ? {
      outcome: p.assessmentOutcome, outcomeLabel: ASSESSMENT_OUTCOMES[p.assessmentOutcome as AssessmentOutcome] ?? { zh: p.assessmentOutcome, en: p.assessmentOutcome },
      reference: p.assessmentReference, note: p.assessmentNote,
    } : null,
    meetingReference: p.meetingReference, filingReference: p.filingReference, filingAuthority: p.filingAuthority,
    inForceAt: p.inForceAt, endedAt: p.endedAt, createdById: p.createdById, workflowId: p.workflowId, createdAt: p.createdAt, updatedAt: p.updatedAt,
  };
}
