import type { ApiDeps, AuthedUser } from '../context';
import { toDateColumn, chinaDate, checkLoanApplication, DEFAULT_LOAN_LADDER, hasRole, LoanApplication, LoanLadder, normalizeYuan } from '../../domain';
import { loanWorkflowId } from '../../workflows/loan-messages';
import { forbidden, ruleRefusal } from '../errors';
import { writeAudit } from '../../activities/audit';
import { filingId, isUniqueViolation, startLoanWorkflow } from '../start-workflows';
import { assertSameFiling, workflowNotStarted } from '../filing';
import { currentFiscalYear } from '../fiscal-years/current-year';

export interface ApplyForLoanOptions {
  actor: AuthedUser;
  application: LoanApplication;
  /** the ladder in force now; the loan keeps this snapshot for its whole life */
  ladder?: LoanLadder;
  /** the caller's Idempotency-Key: every retry with it names the same loan */
  idempotencyKey?: string;
}

/**
 * Files a loan for the clerk's own unit after R-L1–R-L5 and R-L9 (every violation in one answer)
 * and starts its workflow, exactly once per `Idempotency-Key`: the row and its audit event are one
 * transaction under an id derived from the key, so a retry finds the row, starts its workflow if
 * the first attempt could not, and answers with it.
 */
export async function applyForLoan(deps: ApiDeps, { actor, application: app, ladder = DEFAULT_LOAN_LADDER, idempotencyKey }: ApplyForLoanOptions) {
  const { prisma } = deps;
  if (!hasRole(actor, 'dept_clerk') || !actor.unitId) throw forbidden('只有预算单位经办人可以申请借款 / only a department clerk can apply for a loan', 'wrong_role');
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: actor.unitId } });
  const violations = checkLoanApplication(app, unit, { today: chinaDate(Date.now()) });
  if (violations.length) throw ruleRefusal(violations);
  // Provisional until disbursement, when the loan takes the year it is disbursed in.
  const fiscalYear = await currentFiscalYear(prisma, 'R-L8');
  const id = filingId('loan', actor.userId, idempotencyKey);
  const create = () => prisma.$transaction(async (tx) => {
    const [{ seq }] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('loan_number_seq') AS seq`;
    const created = await tx.loan.create({
      data: {
        id, number: `JK-${fiscalYear}-${String(seq).padStart(6, '0')}`, unitId: unit.id, fiscalYear, amount: app.amount,
        purpose: app.purpose, purposeDetails: app.purposeDetails, repaymentSource: app.repaymentSource, termMonths: app.termMonths ?? null,
        requestedDueDate: app.requestedDueDate ? toDateColumn(app.requestedDueDate) : null, instalmentPlan: app.instalmentPlan ?? undefined,
        noOnLendingDeclared: app.noOnLendingDeclared === true, fundsNewSpending: app.fundsNewSpending, status: 'in_review', step: 'finance_review',
        ladder: ladder as object, createdById: actor.userId, workflowId: loanWorkflowId(id),
      },
      include: { unit: true },
    });
    await writeAudit(tx, {
      eventKey: `${id}:applied`, actorId: actor.userId, subjectType: 'loan', subjectId: id,
      data: {
        type: 'loan_applied', amount: app.amount, purpose: app.purpose, fiscalYear, ladderVersion: ladder.version,
        ...(app.termMonths !== undefined ? { termMonths: app.termMonths } : {}), ...(app.requestedDueDate ? { requestedDueDate: app.requestedDueDate } : {}),
      },
    });
    return created;
  });
  const find = () => prisma.loan.findUnique({ where: { id }, include: { unit: true } });
  // What a retry must repeat: the application's own fields as the row keeps them.
  const filed = (l: { amount: { toString(): string }; purpose: string; purposeDetails: string; repaymentSource: string; termMonths: number | null }) =>
    ({ amount: normalizeYuan(l.amount), purpose: l.purpose, purposeDetails: l.purposeDetails, repaymentSource: l.repaymentSource, termMonths: l.termMonths });
  const asFiled = filed({ ...app, termMonths: app.termMonths ?? null });
  // Insert first: a first attempt needs no read; a retry's insert meets the row its id names and reads that.
  let loan;
  try {
    loan = await create();
  } catch (err) {
    if (!isUniqueViolation(err) || !(loan = await find())) throw err;
    assertSameFiling(filed(loan), asFiled);
  }
  if (!loan.workflowStartedAt) {
    try {
      await startLoanWorkflow(deps, loan);
    } catch (err) {
      throw workflowNotStarted(err, loan.number);
    }
  }
  return loan;
}
