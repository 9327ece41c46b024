import { BUREAU_WIDE_ROLES } from '../../domain/roles';
import { RULES } from '../../domain/rules';

/** Who sees 报告与事项: the bureau, the county leaders, the congress liaison and the auditors (as the API allows). */
export const DUTIES_READERS: readonly string[] = BUREAU_WIDE_ROLES;

/** A rule cited as the plan words it, e.g. R-B7「上级下达专项资金…」. */
export const ruleLine = (id: 'R-B7' | 'R-B8' | 'R-M1' | 'R-M2' | 'R-M4'): string => `${id}「${RULES[id].zh}」`;

/** Shapes of the duties API (reports, transfers, risk events, key units) as the pages use them. */
export interface DutyItem { type: 'report' | 'transfer' | 'risk_event'; id: string; ruleId: string; title: string; dueAt: string; late: boolean; link: string; keyUnit?: boolean }
export interface ReportRun { seq: number; generatedAt: string; pdfSha256: string; xlsxSha256: string; pdf: string; xlsx: string }
export interface Report {
  id: string; kind: string; period: string; subject: string; ruleId: string; rule: string; title: { zh: string; en: string }; dueAt: string; status: 'due' | 'submitted'; late: boolean;
  escalation: number; responsibleOfficer: { id: string; name: string | null }; submittedAt: string | null; runs: ReportRun[]; key: Record<string, string>;
}
export interface Transfer { id: string; documentNumber: string; issuingLevelLabel: string; amount: string; allocated: string; left: string; purpose: string; receivedOn: string; onwardDeadline: string; large: boolean; status: string; late: boolean; rule: string }
export interface RiskEvent {
  id: string; number: string; kind: string; kindLabel: { zh: string; en: string }; occurredAt: string; description: string; units: { id: string; name: string; monitored: boolean }[];
  keyUnit: boolean; reportDueAt: string; reportedAt: string | null; reportLate: boolean; status: string; offersSuspension: boolean; rule: string;
}
export interface WatchUnit {
  id: string; code: string; name: string; monitoredSince: string | null;
  requests: { id: string; number: string; amount: string; status: string }[]; loans: { id: string; number: string; outstanding: string; status: string }[];
  riskEvents: { id: string; number: string; kind: string; status: string }[];
}
export interface TransferDetail {
  transfer: Transfer & { issuingLevel: string; deadlineFromDocument: boolean };
  allocations: { id: string; unitId: string; unit?: { id: string; name: string; monitored: boolean }; amount: string; reference: string; allocatedOn: string; recordedAt: string }[];
}
export interface RiskEventDetail {
  event: RiskEvent & { reportNote: string | null; closedAt: string | null; closingNote: string | null };
  steps: { id: string; note: string; recordedById: string; recordedAt: string }[];
}
export interface MonthlyPosition { month: string; debtBalance: string; debtServiceDue: string; treasuryCash: string; threeGuaranteesSpending: string; updatedAt: string }
