import { ApplicationFailure } from '@temporalio/activity';
import type { Tx } from '../prisma/client';
import { chinaDate, checkAdvancesCap, fiscalYearAt, missingFiguresViolation, toDateColumn, LoanRefusal, normalizeYuan, violation, Violation } from '../domain';
import { writeAudit } from './audit';

/** A rule refusal the workflow passes on to the caller (422 with the rule IDs). */
export const ruleFailure = (violations: Violation[]) => ApplicationFailure.create({
  type: 'RuleViolation', nonRetryable: true, details: [violations],
  message: violations.map((v) => `${v.ruleId} ${v.zh}: ${v.detail}`).join('; '),
});

/** A refusal that is not a rule of the plan (over-repayment, a reused payment reference...). */
export const refusalFailure = (r: LoanRefusal) => ApplicationFailure.create({ type: 'DecisionRefused', nonRetryable: true, details: [r], message: r.message });

/** The one row R-L8's conditional updates run on: the whole county's balance, whatever year a loan was made. */
export const COUNTY = 'county';

interface LoanRef { id: string; fiscalYear: number; amount: { toString(): string } }

// R-L8's cap in SQL, exactly as advancesCap computes it: 5% of the two expenditures of the CURRENT fiscal
// year (China date of `at`), down to the fen. All figures are numeric(18,2), so (sum * 5) is whole fen
// and floor(...) / 100 is exact. Every loan of every year and the opening stock are on the one row, so
// when the year turns the cap follows the new year's figures and carried-over advances still count.

async function ensureCountyRow(tx: Tx) {
  await tx.advancesPosition.createMany({ data: [{ id: COUNTY }], skipDuplicates: true });
}

/**
 * R-L8 at finance approval: holds the loan's amount against the current year's cap. One conditional
 * UPDATE on the county row decides, so concurrent approvals can never together go over the cap.
 */
export async function reserveAdvance(tx: Tx, loan: LoanRef, actorId: string, at: number): Promise<void> {
  const amount = normalizeYuan(loan.amount);
  const claimed = await tx.$executeRaw`UPDATE "Loan" SET "capHold" = 'reserved', "updatedAt" = now() WHERE id = ${loan.id} AND "capHold" = 'none'`;
  if (claimed === 0) return; // a retry: the hold is already there
  await ensureCountyRow(tx);
  const year = fiscalYearAt(at);
  const updated = await tx.$executeRaw`
    UPDATE "AdvancesPosition" p SET reserved = p.reserved + ${amount}::numeric, "updatedAt" = now()
    FROM "FiscalYear" f
    WHERE p.id = ${COUNTY} AND f.year = ${year}
      AND p.outstanding + p.reserved + ${amount}::numeric <= floor((f."generalBudgetExpenditure" + f."fundBudgetExpenditure") * 5) / 100`;
  if (updated === 0) throw await capFailure(tx, year, amount, true);
  await audit(tx, loan, actorId, 'advances_reserved', year);
}

/** Gives the hold back when the executive meeting rejects an approved loan (or the year turn lets it lapse). */
export async function releaseAdvance(tx: Tx, loan: LoanRef, actorId: string): Promise<void> {
  const amount = normalizeYuan(loan.amount);
  const claimed = await tx.$executeRaw`UPDATE "Loan" SET "capHold" = 'released', "updatedAt" = now() WHERE id = ${loan.id} AND "capHold" = 'reserved'`;
  if (claimed === 0) return;
  await tx.$executeRaw`UPDATE "AdvancesPosition" SET reserved = reserved - ${amount}::numeric, "updatedAt" = now() WHERE id = ${COUNTY}`;
  await audit(tx, loan, actorId, 'advances_released', loan.fiscalYear);
}

interface DisbursedLoan extends LoanRef { number: string; unitId: string; unit: { name: string } }

/**
 * R-L8 at disbursement: the hold becomes outstanding, and only if the county's outstanding balance
 * after this loan is still within the current year's cap (figures may have been lowered, or the year
 * turned, since approval). The loan joins the ledger as a row of the year it is disbursed in.
 */
export async function disburseAdvance(tx: Tx, loan: DisbursedLoan, o: { at: number; dueDate: string; responsibleOfficerId: string }): Promise<void> {
  const amount = normalizeYuan(loan.amount);
  const claimed = await tx.$executeRaw`UPDATE "Loan" SET "capHold" = 'outstanding', "updatedAt" = now() WHERE id = ${loan.id} AND "capHold" = 'reserved'`;
  if (claimed === 0) throw new Error(`loan ${loan.id} holds no reservation to disburse`);
  await ensureCountyRow(tx);
  const year = fiscalYearAt(o.at);
  const updated = await tx.$executeRaw`
    UPDATE "AdvancesPosition" p SET reserved = p.reserved - ${amount}::numeric, outstanding = p.outstanding + ${amount}::numeric, "updatedAt" = now()
    FROM "FiscalYear" f
    WHERE p.id = ${COUNTY} AND f.year = ${year}
      AND p.outstanding + ${amount}::numeric <= floor((f."generalBudgetExpenditure" + f."fundBudgetExpenditure") * 5) / 100`;
  if (updated === 0) throw await capFailure(tx, year, amount, false);
  const officer = await tx.user.findUnique({ where: { id: o.responsibleOfficerId }, select: { displayName: true } });
  await tx.advance.createMany({
    data: [{
      id: crypto.randomUUID(), number: loan.number, origin: 'loan', loanId: loan.id, debtor: loan.unit.name, debtorKind: 'unit', unitId: loan.unitId,
      kind: 'compliant', amount, outstanding: amount, arisenOn: toDateColumn(chinaDate(o.at)), fiscalYear: year, dueDate: toDateColumn(o.dueDate),
      responsibleOfficer: officer?.displayName ?? o.responsibleOfficerId, status: 'open',
    }],
    skipDuplicates: true,
  });
}

/** A repayment of a loan lowers its ledger row and the county's outstanding balance. */
export async function repayAdvance(tx: Tx, loanId: string, amount: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Advance" SET outstanding = outstanding - ${amount}::numeric,
      status = CASE WHEN outstanding - ${amount}::numeric = 0 THEN 'closed' ELSE status END, "updatedAt" = now()
    WHERE "loanId" = ${loanId}`;
  await lowerOutstanding(tx, amount);
}

/** The county's outstanding balance drops by `amount` (a repayment or a write-off of any ledger row). */
export async function lowerOutstanding(tx: Tx, amount: string): Promise<void> {
  await tx.$executeRaw`UPDATE "AdvancesPosition" SET outstanding = outstanding - ${amount}::numeric, "updatedAt" = now() WHERE id = ${COUNTY}`;
}

/** Opening stock enters the balance as the fact it is: no cap check (it predates the system), but it counts from now on. */
export async function raiseOutstanding(tx: Tx, amount: string): Promise<void> {
  await ensureCountyRow(tx);
  await tx.$executeRaw`UPDATE "AdvancesPosition" SET outstanding = outstanding + ${amount}::numeric, "updatedAt" = now() WHERE id = ${COUNTY}`;
}

async function capFailure(tx: Tx, year: number, amount: string, countReserved: boolean) {
  const fy = await tx.fiscalYear.findUnique({ where: { year } });
  if (!fy) return ruleFailure([missingFiguresViolation(year, 'R-L8')]);
  const p = await tx.advancesPosition.findUniqueOrThrow({ where: { id: COUNTY } });
  const figures = { generalBudgetExpenditure: normalizeYuan(fy.generalBudgetExpenditure), fundBudgetExpenditure: normalizeYuan(fy.fundBudgetExpenditure) };
  const found = checkAdvancesCap(normalizeYuan(p.outstanding), countReserved ? normalizeYuan(p.reserved) : '0.00', amount, figures);
  // Between the UPDATE and this read another loan may have been repaid; the refusal still stands.
  return ruleFailure(found.length ? found : [violation('R-L8', `借款后暂付款将超过上限 / advances after this loan would exceed the cap`, 'amount')]);
}

async function audit(tx: Tx, loan: LoanRef, actorId: string, type: 'advances_reserved' | 'advances_released', fiscalYear: number) {
  await writeAudit(tx, {
    eventKey: `${loan.id}:${type}`, actorId, subjectType: 'loan', subjectId: loan.id,
    data: { type, fiscalYear, amount: normalizeYuan(loan.amount) },
  });
}
