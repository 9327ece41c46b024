/** Shapes of the R-B9 policy and R-B10 change-of-use answers (the fields the pages use). */
import type { Label, RequestDetail, RuleFlag } from './api';

export interface ChainDecision {
  id: string; round: number; step: string; stepLabel: Label; action: string; actionLabel: Label; actorId: string; actorName: string;
  actorRole: string; comment: string | null; decidedAt: string; meetingReference?: string; resolutionReference?: string;
  onBehalfOf?: { id: string; name: string };
}
export interface ChainTask { id: string; step: string; stepLabel: Label; status: string; assigneeName: string; openedAt: string; closedAt: string | null }
export interface ChainHistory { decisions: ChainDecision[]; tasks: ChainTask[]; audit: RequestDetail['audit'] }

export interface Policy {
  id: string; number: string; unitId: string; unit?: { code: string; name: string }; fiscalYear: number; title: string; summary: string; scope: string;
  yearlyCost: string; status: string; statusLabel: Label; step: string; stepLabel: Label;
  assessment: { outcome: string; outcomeLabel: Label; reference: string | null; note: string | null } | null;
  meetingReference: string | null; filingReference: string | null; filingAuthority: string | null; inForceAt: string | null; endedAt: string | null;
  createdAt: string;
}
export interface PolicyDetail extends ChainHistory {
  policy: Policy;
  budgetRequests: { id: string; number: string; unit: string; amount: string; status: string; purpose: string }[];
}

export interface ChangeOfUse {
  id: string; number: string; unitId: string; unit?: { code: string; name: string }; fiscalYear: number; amount: string;
  fromUse: string; fromCategory: string; fromCategoryLabel: Label; toUse: string; toCategory: string; toCategoryLabel: Label;
  sourceThreeGuarantees: boolean; reason: string; status: string; statusLabel: Label; step: string; stepLabel: Label; flags: RuleFlag[];
  meetingReference: string | null; recordedAt: string | null; createdAt: string;
}
export interface ChangeOfUseDetail extends ChainHistory { changeOfUse: ChangeOfUse }

export interface Listed<T> { total: number; items: T[] }
