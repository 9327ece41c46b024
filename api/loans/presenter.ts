import { UNIT_BRIEF } from '../units/unit-brief';
import { onBehalfOfView } from '../delegation/decision-people';
import {
  chinaDate, DECISION_ACTIONS, keyUnitFlags, DecisionAction, MEETING_KINDS, MeetingKind, daysOverdue, LADDER_RECIPIENTS, LadderRecipient, LOAN_POSITIONS, LOAN_PURPOSES, LoanPosition, LoanPurpose,
  normalizeYuan, NOTICE_KINDS, NoticeKind, ON_LENDING_FLAG, RuleId, RULES, dateColumn,
} from '../../domain';

type Money = { toString(): string };
const day = (d: Date | null) => (d ? dateColumn(d) : null);

export interface LoanRow {
  id: string; number: string; unitId: string; unit?: { code: string; name: string; monitored?: boolean }; fiscalYear: number; amount: Money; outstanding: Money;
  purpose: string; purposeDetails: string; repaymentSource: string; termMonths: number | null; requestedDueDate: Date | null;
  instalmentPlan: unknown; noOnLendingDeclared: boolean; fundsNewSpending: boolean; status: string; step: string; capHold: string;
  dueDate: Date | null; disbursedAt: Date | null; disbursedById: string | null; disbursementReference: string | null;
  responsibleOfficerId: string | null; ladder: unknown; createdById: string; workflowId: string; closedAt: Date | null; createdAt: Date; updatedAt: Date;
  /** how many R-L2 findings it has; read with LOAN_WITH_FLAGS so lists can flag it */
  _count?: { findings: number };
}

/** What to read with a loan so `presentLoan` can show all its flags (the R-L2 finding count). */
export const LOAN_WITH_FLAGS = { unit: UNIT_BRIEF, _count: { select: { findings: true } } } as const;

/** A loan as lists and detail pages show it; `overdue` and its days are computed for today (China time). */
export function presentLoan(l: LoanRow, now = Date.now()) {
  const due = day(l.dueDate);
  const late = l.status === 'disbursed' && due ? daysOverdue(due, chinaDate(now)) : null;
  const purpose = LOAN_PURPOSES[l.purpose as LoanPurpose];
  const position = LOAN_POSITIONS[l.step as LoanPosition];
  return {
    id: l.id, number: l.number, unitId: l.unitId, unit: l.unit ? { code: l.unit.code, name: l.unit.name } : undefined, fiscalYear: l.fiscalYear,
    amount: normalizeYuan(l.amount), outstanding: normalizeYuan(l.outstanding),
    purpose: l.purpose, purposeLabel: purpose ? { zh: purpose.zh, en: purpose.en } : null, purposeDetails: l.purposeDetails,
    repaymentSource: l.repaymentSource, termMonths: l.termMonths, requestedDueDate: day(l.requestedDueDate), instalmentPlan: l.instalmentPlan ?? null,
    noOnLendingDeclared: l.noOnLendingDeclared, fundsNewSpending: l.fundsNewSpending,
    status: l.status, step: l.step, stepLabel: position ? { zh: position.zh, en: position.en } : { zh: l.step, en: l.step },
    advancesHold: l.capHold,
    dueDate: due, disbursedAt: l.disbursedAt, disbursedById: l.disbursedById, disbursementReference: l.disbursementReference,
    responsibleOfficerId: l.responsibleOfficerId,
    overdue: late !== null && late >= 0, daysOverdue: late !== null && late >= 0 ? late : null,
    flags: [
      ...(late !== null && late >= 0 ? [{ ruleId: 'R-L10', zh: '逾期未还', en: 'Overdue', rule: RULES['R-L10'].zh }] : []),
      ...(l._count?.findings ? [{ ...ON_LENDING_FLAG }] : []),
      ...keyUnitFlags(l.unit),
    ],
    /** R-M2: the unit is a key unit under the director's watch */
    keyUnit: Boolean(l.unit?.monitored),
    /** R-L2 findings recorded against it (absent when not read) */
    findingCount: l._count?.findings,
    ladderVersion: (l.ladder as { version?: string } | null)?.version ?? null,
    createdById: l.createdById, workflowId: l.workflowId, closedAt: l.closedAt, createdAt: l.createdAt, updatedAt: l.updatedAt,
  };
}

/** A loan task in the inbox, labelled with the loan chain's own steps and actions. */
/** A decision on a loan (finance review, executive meeting with its reference, disbursement). */
export function presentLoanDecision(d: {
  id: string; step: string; action: string; actorId: string; actor?: { displayName: string }; actorRole: string;
  comment: string | null; meetingKind: string | null; meetingReference: string | null; decidedAt: Date;
  onBehalfOfId?: string | null; onBehalfOf?: { displayName: string } | null; proceededAnyway?: boolean;
}) {
  const position = LOAN_POSITIONS[d.step as LoanPosition];
  return {
    id: d.id, step: d.step, stepLabel: position ? { zh: position.zh, en: position.en } : { zh: d.step, en: d.step },
    action: d.action, actionLabel: DECISION_ACTIONS[d.action as DecisionAction] ?? (d.action === 'disburse' ? { zh: '放款', en: 'Disburse' } : null),
    actorId: d.actorId, actorName: d.actor?.displayName, actorRole: d.actorRole, comment: d.comment, decidedAt: d.decidedAt, ...onBehalfOfView(d),
    ...(d.meetingKind ? { meetingKind: d.meetingKind, meetingLabel: MEETING_KINDS[d.meetingKind as MeetingKind] } : {}),
    ...(d.meetingReference ? { meetingReference: d.meetingReference } : {}),
  };
}

export function presentRepayment(r: { id: string; paymentId: string; amount: Money; paidOn: Date; reference: string | null; outstandingAfter: Money; recordedById: string; recordedAt: Date }) {
  return {
    id: r.id, paymentId: r.paymentId, amount: normalizeYuan(r.amount), paidOn: day(r.paidOn), reference: r.reference,
    outstandingAfter: normalizeYuan(r.outstandingAfter), recordedById: r.recordedById, recordedAt: r.recordedAt,
  };
}

/** An R-L2 finding with who recorded it. */
export function presentFinding(f: {
  id: string; loanId: string; ruleId: string; description: string; enterprise: string; amount: Money; foundOn: Date;
  recordedById: string; recordedBy?: { displayName: string }; recordedAt: Date;
}) {
  return {
    id: f.id, loanId: f.loanId, ruleId: f.ruleId, rule: RULES[f.ruleId as RuleId]?.zh ?? null, description: f.description, enterprise: f.enterprise,
    amount: normalizeYuan(f.amount), foundOn: day(f.foundOn), recordedById: f.recordedById, recordedByName: f.recordedBy?.displayName ?? null, recordedAt: f.recordedAt,
  };
}

export function presentNotice(n: { seq: number; rungId: string; kind: string; noticeDate: Date; daysFromDue: number; recipients: string[]; outstanding: Money; interview: boolean; accountability: boolean; sentAt: Date }) {
  return {
    seq: n.seq, rungId: n.rungId, kind: n.kind, kindLabel: NOTICE_KINDS[n.kind as NoticeKind] ?? null, date: day(n.noticeDate),
    daysFromDue: n.daysFromDue, recipients: n.recipients, outstanding: normalizeYuan(n.outstanding), interview: n.interview,
    accountability: n.accountability, sentAt: n.sentAt,
  };
}

export const recipientLabels = LADDER_RECIPIENTS as Record<LadderRecipient, { zh: string; en: string }>;
