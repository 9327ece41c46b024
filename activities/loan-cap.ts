import { ApplicationFailure } from '@temporalio/activity';
import type { Tx } from '../prisma/client';
import { checkAdvancesCap, LoanRefusal, normalizeYuan, violation, Violation } from '../domain';
import { writeAudit } from './audit';

/** A rule refusal the workflow passes on to the caller (422 with the rule IDs). */
export const ruleFailure = (violations: Violation[]) => ApplicationFailure.create({
  type: 'RuleViolation', nonRetryable: true, details: [violations],
  message: violations.map((v) => `${v.ruleId} ${v.zh}: ${v.detail}`).join('; '),
});

/** A refusal that is not a rule of the plan (over-repayment, a reused payment reference...). */
export const refusalFailure = (r: LoanRefusal) => ApplicationFailure.create({ type: 'DecisionRefused', nonRetryable: true, details: [r], message: r.message });

interface LoanRef { id: string; fiscalYear: number; amount: { toString(): string } }

// R-L8's cap in SQL, exactly as advancesCap computes it: 5% of the two expenditures, down to the fen.
// All figures are numeric(18,2), so (sum * 5) is whole fen and floor(...) / 100 is exact.

/**
 * R-L8 at finance approval: holds the loan's amount against its year's cap. One conditional
 * UPDATE decides, so concurrent approvals can never together go over the cap.
 */
export async function reserveAdvance(tx: Tx, loan: LoanRef, actorId: string): Promise<void> {
  const amount = normalizeYuan(loan.amount);
  const claimed = await tx.$executeRaw`UPDATE "Loan" SET "capHold" = 'reserved', "updatedAt" = now() WHERE id = ${loan.id} AND "capHold" = 'none'`;
  if (claimed === 0) return; // a retry: the hold is already there
  await tx.advancesPosition.createMany({ data: [{ fiscalYear: loan.fiscalYear }], skipDuplicates: true });
  const updated = await tx.$executeRaw`
    UPDATE "AdvancesPosition" p SET reserved = p.reserved + ${amount}::numeric, "updatedAt" = now()
    FROM "FiscalYear" f
    WHERE p."fiscalYear" = ${loan.fiscalYear} AND f.year = p."fiscalYear"
      AND p.outstanding + p.reserved + ${amount}::numeric <= floor((f."generalBudgetExpenditure" + f."fundBudgetExpenditure") * 5) / 100`;
  if (updated === 0) throw await capFailure(tx, loan.fiscalYear, amount, true);
  await audit(tx, loan, actorId, 'advances_reserved');
}

/** Gives the hold back when the executive meeting rejects an approved loan. */
export async function releaseAdvance(tx: Tx, loan: LoanRef, actorId: string): Promise<void> {
  const amount = normalizeYuan(loan.amount);
  const claimed = await tx.$executeRaw`UPDATE "Loan" SET "capHold" = 'released', "updatedAt" = now() WHERE id = ${loan.id} AND "capHold" = 'reserved'`;
  if (claimed === 0) return;
  await tx.$executeRaw`UPDATE "AdvancesPosition" SET reserved = reserved - ${amount}::numeric, "updatedAt" = now() WHERE "fiscalYear" = ${loan.fiscalYear}`;
  await audit(tx, loan, actorId, 'advances_released');
}

/**
 * R-L8 at disbursement: the hold becomes outstanding, and only if outstanding advances after this
 * loan are still within the cap (the figures may have been lowered since approval).
 */
export async function disburseAdvance(tx: Tx, loan: LoanRef): Promise<void> {
  const amount = normalizeYuan(loan.amount);
  const claimed = await tx.$executeRaw`UPDATE "Loan" SET "capHold" = 'outstanding', "updatedAt" = now() WHERE id = ${loan.id} AND "capHold" = 'reserved'`;
  if (claimed === 0) throw new Error(`loan ${loan.id} holds no reservation to disburse`);
  const updated = await tx.$executeRaw`
    UPDATE "AdvancesPosition" p SET reserved = p.reserved - ${amount}::numeric, outstanding = p.outstanding + ${amount}::numeric, "updatedAt" = now()
    FROM "FiscalYear" f
    WHERE p."fiscalYear" = ${loan.fiscalYear} AND f.year = p."fiscalYear"
      AND p.outstanding + ${amount}::numeric <= floor((f."generalBudgetExpenditure" + f."fundBudgetExpenditure") * 5) / 100`;
  if (updated === 0) throw await capFailure(tx, loan.fiscalYear, amount, false);
}

/** A repayment lowers the year's outstanding advances. */
export async function repayAdvance(tx: Tx, fiscalYear: number, amount: string): Promise<void> {
  await tx.$executeRaw`UPDATE "AdvancesPosition" SET outstanding = outstanding - ${amount}::numeric, "updatedAt" = now() WHERE "fiscalYear" = ${fiscalYear}`;
}

async function capFailure(tx: Tx, fiscalYear: number, amount: string, countReserved: boolean) {
  const fy = await tx.fiscalYear.findUnique({ where: { year: fiscalYear } });
  if (!fy) return ruleFailure([violation('R-L8', `${fiscalYear} 年度支出数据尚未由财政局局长录入，无法核定暂付款上限 / no expenditure figures are recorded for ${fiscalYear}`, 'fiscalYear')]);
  const p = await tx.advancesPosition.findUniqueOrThrow({ where: { fiscalYear } });
  const figures = { generalBudgetExpenditure: normalizeYuan(fy.generalBudgetExpenditure), fundBudgetExpenditure: normalizeYuan(fy.fundBudgetExpenditure) };
  const found = checkAdvancesCap(normalizeYuan(p.outstanding), countReserved ? normalizeYuan(p.reserved) : '0.00', amount, figures);
  // Between the UPDATE and this read another loan may have been repaid; the refusal still stands.
  return ruleFailure(found.length ? found : [violation('R-L8', `借款后暂付款将超过上限 / advances after this loan would exceed the cap`, 'amount')]);
}

async function audit(tx: Tx, loan: LoanRef, actorId: string, type: 'advances_reserved' | 'advances_released') {
  await writeAudit(tx, {
    eventKey: `${loan.id}:${type}`, actorId, subjectType: 'loan', subjectId: loan.id,
    data: { type, fiscalYear: loan.fiscalYear, amount: normalizeYuan(loan.amount) },
  });
}
