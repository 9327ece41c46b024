import type { TraceBackEntry } from '../loans/trace-back';
import { ADVANCE_KINDS, AdvanceKind, dateColumn, DEBTOR_KINDS, DebtorKind, normalizeYuan } from '../../domain';

type Money = { toString(): string };

/** One row of the county's advances ledger as the API shows it. */
export function presentAdvance(a: {
  id: string; number: string; origin: string; loanId: string | null; debtor: string; debtorKind: string; unitId: string | null; kind: string;
  amount: Money; outstanding: Money; writtenOff: Money; arisenOn: Date; fiscalYear: number; dueDate: Date | null; responsibleOfficer: string | null;
  note: string | null; status: string; recoveryCases?: { id: string; status: string; findingId: string | null }[]; createdAt: Date;
}) {
  const recovery = a.recoveryCases?.filter((c) => c.status === 'open') ?? [];
  return {
    id: a.id, number: a.number, origin: a.origin, loanId: a.loanId, debtor: a.debtor, debtorKind: a.debtorKind,
    debtorKindLabel: DEBTOR_KINDS[a.debtorKind as DebtorKind] ?? null, unitId: a.unitId, kind: a.kind, kindLabel: ADVANCE_KINDS[a.kind as AdvanceKind] ?? null,
    amount: normalizeYuan(a.amount), outstanding: normalizeYuan(a.outstanding), writtenOff: normalizeYuan(a.writtenOff),
    arisenOn: dateColumn(a.arisenOn), fiscalYear: a.fiscalYear, dueDate: a.dueDate ? dateColumn(a.dueDate) : null,
    responsibleOfficer: a.responsibleOfficer, note: a.note, status: a.status,
    /** R-L11: irregular lending (违规出借) or an open recovery case after an R-L2 finding: recovered (清收) first */
    recoverFirst: a.kind === 'irregular' || recovery.length > 0,
    recoveryCaseIds: recovery.map((c) => c.id),
  };
}

export function presentMovement(m: { id: string; kind: string; paymentId: string; amount: Money; on: Date; reference: string | null; outstandingAfter: Money; recordedAt: Date }) {
  return {
    id: m.id, kind: m.kind, paymentId: m.paymentId, amount: normalizeYuan(m.amount), on: dateColumn(m.on), reference: m.reference,
    outstandingAfter: normalizeYuan(m.outstandingAfter), recordedAt: m.recordedAt,
  };
}

/** A recovery case (清收) opened by an R-L2 finding, with the trace-back (倒查, R-L7) of who let the money out. */
export function presentRecoveryCase(c: { id: string; advanceId: string; findingId: string | null; status: string; approvers: unknown; openedAt: Date }) {
  return { id: c.id, advanceId: c.advanceId, findingId: c.findingId, status: c.status, openedAt: c.openedAt, traceBack: c.approvers as TraceBackEntry[] };
}
