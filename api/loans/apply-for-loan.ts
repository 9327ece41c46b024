import type { ApiDeps, AuthedUser } from '../context';
import { toDateColumn, chinaDate, checkLoanApplication, DEFAULT_LOAN_LADDER, hasRole, LoanApplication, LoanLadder } from '../../domain';
import { loanWorkflowId } from '../../workflows/loan-messages';
import type { Duration } from '@temporalio/common';
import type { LoanWorkflowInput } from '../../workflows/loan';
import { AppError, forbidden, ruleRefusal } from '../errors';
import { writeAudit } from '../../activities/audit';
import { currentFiscalYear } from '../fiscal-years/current-year';

export interface ApplyForLoanOptions {
  actor: AuthedUser;
  application: LoanApplication;
  /** the ladder in force now; the loan keeps this snapshot for its whole life */
  ladder?: LoanLadder;
}

/**
 * Files a loan for the clerk's own unit after R-L1–R-L5 and R-L9 (every violation in one answer)
 * and starts its workflow. The row and the workflow come into being together: if the workflow
 * cannot start, the row is removed.
 */
export async function applyForLoan({ prisma, temporal, taskQueue, remindAfter }: ApiDeps, { actor, application: app, ladder = DEFAULT_LOAN_LADDER }: ApplyForLoanOptions) {
  if (!hasRole(actor, 'dept_clerk') || !actor.unitId) throw forbidden('只有预算单位经办人可以申请借款 / only a department clerk can apply for a loan', 'wrong_role');
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: actor.unitId } });
  const violations = checkLoanApplication(app, unit, { today: chinaDate(Date.now()) });
  if (violations.length) throw ruleRefusal(violations);
  // Provisional until disbursement, when the loan takes the year it is disbursed in.
  const fiscalYear = await currentFiscalYear(prisma, 'R-L8');
  const id = crypto.randomUUID();
  const loan = await prisma.$transaction(async (tx) => {
    const [{ seq }] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('loan_number_seq') AS seq`;
    return tx.loan.create({
      data: {
        id, number: `JK-${fiscalYear}-${String(seq).padStart(6, '0')}`, unitId: unit.id, fiscalYear, amount: app.amount,
        purpose: app.purpose, purposeDetails: app.purposeDetails, repaymentSource: app.repaymentSource, termMonths: app.termMonths ?? null,
        requestedDueDate: app.requestedDueDate ? toDateColumn(app.requestedDueDate) : null, instalmentPlan: app.instalmentPlan ?? undefined,
        noOnLendingDeclared: app.noOnLendingDeclared === true, fundsNewSpending: app.fundsNewSpending, status: 'in_review', step: 'finance_review',
        ladder: ladder as object, createdById: actor.userId, workflowId: loanWorkflowId(id),
      },
      include: { unit: true },
    });
  });
  const input: LoanWorkflowInput = {
    loanId: id, unitId: unit.id, fiscalYear, amount: app.amount, ladder, remindAfter: remindAfter as Duration,
    terms: { ...(app.termMonths !== undefined ? { termMonths: app.termMonths } : {}), ...(app.requestedDueDate ? { requestedDueDate: app.requestedDueDate } : {}) },
  };
  try {
    await temporal.workflow.start('loanWorkflow', { workflowId: loan.workflowId, taskQueue, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' });
  } catch (err) {
    await prisma.loan.delete({ where: { id } });
    console.error('could not start the loan workflow', err);
    throw new AppError(503, 'workflow_unavailable', '审批流程服务暂不可用，借款申请未保存，请稍后重试 / the workflow service is unavailable; nothing was saved, please retry');
  }
  await writeAudit(prisma, {
    eventKey: `${id}:applied`, actorId: actor.userId, subjectType: 'loan', subjectId: id,
    data: {
      type: 'loan_applied', amount: app.amount, purpose: app.purpose, fiscalYear, ladderVersion: ladder.version,
      ...(app.termMonths !== undefined ? { termMonths: app.termMonths } : {}), ...(app.requestedDueDate ? { requestedDueDate: app.requestedDueDate } : {}),
    },
  });
  return loan;
}
