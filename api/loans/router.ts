import { Router } from 'express';
import { DECISION_PEOPLE } from '../delegation/decision-people';
import { subjectConsultations } from '../consultations/present';
import type { ApiDeps, AuthedUser } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { AppError, conflict, forbidden, notFound, ruleRefusal } from '../errors';
import { idempotency } from '../idempotency';
import { withWorkflowDeadline } from '../workflow-calls';
import { chinaDate, checkLoanApplication, hasRole, normalizeYuan, Role } from '../../domain';
import { resubmit, withdraw } from '../approval/applicant-actions';
import { CHAIN_APIS } from '../approval/chains';
import { disburseUpdate, loanWorkflowId, recordRepaymentUpdate } from '../../workflows/loan-messages';
import { seesAllUnits } from '../budget-requests/visibility';
import { assertMayReadSubject } from '../approval/copies';
import { XLSX_TYPE } from '../workbook';
import {
  ZCreateLoan, ZDisburseLoan, ZListLoans, ZRecordRepayment, ZResubmitRound, ZResumeDisbursements, ZSuspendDisbursements, ZWithdrawLoan, ZYearParam,
} from './schema';
import { LOAN_WITH_FLAGS, presentFinding, presentLoan, presentLoanDecision, presentNotice, presentRepayment } from './presenter';
import { applyForLoan } from './apply-for-loan';
import { presentTask } from '../tasks/present-task';
import { readAdvancesPosition } from './advances-position';
import { presentRecoveryCase } from '../advances/presenter';
import { presentControl, setDisbursementSuspension } from './suspend-disbursements';
import { LOAN_LIST_ORDER, loanListTotals, loanListWhere } from './list-loans';
import { exportLoanList } from './export-loans';
import { assertMayRecordFinding, recordLoanFinding } from './record-loan-finding';

/**
 * Loans and temporary advances (借款、暂付性款项): apply, list (or export to Excel), read with full history, disburse,
 * record repayments and later R-L2 findings; the advances position (R-L8, R-M2) and the disbursement switch (R-M3).
 */
export function loansRouter(deps: ApiDeps): Router {
  const { prisma, temporal, loanLadder: ladder } = deps;
  const router = Router();

  router.post('/loans', idempotency(prisma), async (req, res) => {
    const application = parse(ZCreateLoan, req.body);
    const loan = await applyForLoan(deps, { actor: actorOf(req), application, ladder, idempotencyKey: req.get('idempotency-key') });
    res.status(201).json({ loan: presentLoan(loan) });
  });

  router.get('/loans', async (req, res) => {
    const actor = actorOf(req);
    const query = parse(ZListLoans, req.query);
    // One instant for the filter and the days shown, so a row never contradicts its bucket.
    const now = Date.now();
    const where = loanListWhere(actor, query, chinaDate(now));
    if (query.format === 'xlsx') {
      const { file, filename } = await exportLoanList(prisma, { actor, query, where, now });
      res.set('Content-Disposition', `attachment; filename="${filename}"`).type(XLSX_TYPE).send(file);
      return;
    }
    const [totals, rows] = await Promise.all([
      loanListTotals(prisma, where),
      prisma.loan.findMany({ where, include: LOAN_WITH_FLAGS, take: query.limit, skip: query.offset, orderBy: LOAN_LIST_ORDER }),
    ]);
    res.json({ ...totals, items: rows.map((l) => presentLoan(l, now)) });
  });

  router.get('/loans/:id', async (req, res) => {
    const loan = await loadReadable(String(req.params.id), actorOf(req));
    const actor = actorOf(req);
    const [decisions, tasks, audit, officer, recoveryCases, consultations] = await Promise.all([
      prisma.decision.findMany({ where: { subjectId: loan.id }, include: DECISION_PEOPLE, orderBy: { decidedAt: 'asc' } }),
      prisma.task.findMany({ where: { subjectId: loan.id }, include: { assignee: true }, orderBy: { openedAt: 'asc' } }),
      prisma.auditEvent.findMany({ where: { subjectId: loan.id }, orderBy: { id: 'asc' } }),
      loan.responsibleOfficerId ? prisma.user.findUnique({ where: { id: loan.responsibleOfficerId }, select: { id: true, displayName: true } }) : null,
      // R-L11 / R-L7: the recovery cases and their trace-back, for the bureau, leaders and auditors only
      seesAllUnits(actor) ? prisma.recoveryCase.findMany({ where: { advance: { loanId: loan.id } }, orderBy: { openedAt: 'asc' } }) : undefined,
      subjectConsultations(prisma, loan.id),
    ]);
    res.json({
      loan: presentLoan(loan),
      /** R-L7: who answers for collecting it */
      responsibleOfficer: officer,
      ladder: loan.ladder,
      decisions: decisions.map(presentLoanDecision),
      consultations,
      tasks: tasks.map((t) => ({ ...presentTask(t), assigneeName: t.assignee.displayName })),
      repayments: loan.repayments.map(presentRepayment),
      /** R-L2: money found re-lent to an enterprise, with who recorded it */
      findings: loan.findings.map(presentFinding),
      ...(recoveryCases ? { recoveryCases: recoveryCases.map(presentRecoveryCase) } : {}),
      notices: loan.notices.map(presentNotice),
      audit: audit.map((e) => ({ id: String(e.id), at: e.at, actorId: e.actorId, type: e.type, data: e.data })),
    });
  });

  router.post('/loans/:id/disburse', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    if (!hasRole(actor, 'treasury_officer')) throw forbidden('只有国库股可以放款 / only a treasury officer disburses', 'wrong_role');
    const loan = await loadReadable(String(req.params.id), actor);
    const body = parse(ZDisburseLoan, req.body);
    const officer = await prisma.user.findUnique({ where: { id: body.responsibleOfficerId ?? actor.userId } });
    if (!officer) throw new AppError(422, 'invalid_officer', '未找到指定的借出责任人 / the responsible officer does not exist', { field: 'responsibleOfficerId' });
    const outcome = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(loanWorkflowId(loan.id)).executeUpdate(disburseUpdate, {
      args: [{ actor, responsibleOfficer: { userId: officer.id, roles: officer.roles as Role[] }, dueDate: body.dueDate, reference: body.reference }],
    }));
    res.status(outcome.status === 'queued' ? 202 : 200).json({ outcome, loan: presentLoan(await reload(loan.id)) });
  });

  router.post('/loans/:id/repayments', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    if (!hasRole(actor, 'treasury_officer')) throw forbidden('还款由国库股登记（谁借出，谁回收） / the treasury records repayments', 'wrong_role');
    const loan = await loadReadable(String(req.params.id), actor);
    const r = parse(ZRecordRepayment, req.body);
    // Recorded before (a retry, perhaps after the loan closed and its workflow ended): answer from the record.
    const seen = await prisma.repayment.findUnique({ where: { loanId_paymentId: { loanId: loan.id, paymentId: r.paymentId } } });
    if (seen) {
      if (normalizeYuan(seen.amount) !== r.amount) throw conflict('payment_reference_reused', `付款编号 ${r.paymentId} 已登记过另一笔金额 / payment ${r.paymentId} was recorded with another amount`);
      res.json({ outcome: { outstanding: normalizeYuan(seen.outstandingAfter), closed: normalizeYuan(seen.outstandingAfter) === '0.00', replayed: true }, repayment: presentRepayment(seen), loan: presentLoan(await reload(loan.id)) });
      return;
    }
    if (loan.step !== 'repayment') throw conflict('stale_task', `借款当前处于「${presentLoan(loan).stepLabel.zh}」，不能登记还款 / repayments are recorded only for a disbursed loan with a balance`);
    const outcome = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(loanWorkflowId(loan.id)).executeUpdate(recordRepaymentUpdate, {
      args: [{ actor, paymentId: r.paymentId, amount: r.amount, paidOn: r.paidOn, reference: r.reference }], updateId: `repayment:${r.paymentId}`,
    }));
    const repayment = await prisma.repayment.findUniqueOrThrow({ where: { loanId_paymentId: { loanId: loan.id, paymentId: r.paymentId } } });
    res.status(outcome.replayed ? 200 : 201).json({ outcome, repayment: presentRepayment(repayment), loan: presentLoan(await reload(loan.id)) });
  });

  // The borrower's side of the chain (through the engine): a returned loan is resubmitted into the same loan, or withdrawn;
  // it can also be withdrawn before anyone has decided anything.
  router.post('/loans/:id/resubmit', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const loan = await loadReadable(String(req.params.id), actor);
    const { round, ...body } = (req.body ?? {}) as Record<string, unknown>;
    const { round: expectedRound } = parse(ZResubmitRound, { round });
    const application = parse(ZCreateLoan, body);
    // R-L1–R-L5, R-L9 as at filing; the workflow checks who may resubmit, and when.
    const violations = checkLoanApplication(application, loan.unit!, { today: chinaDate(Date.now()) });
    if (violations.length) throw ruleRefusal(violations);
    await resubmit(deps, CHAIN_APIS.loan, { subjectId: loan.id, actor, content: application, expectedRound, fiscalYear: loan.fiscalYear });
    res.json({ loan: presentLoan(await reload(loan.id)) });
  });

  router.post('/loans/:id/withdraw', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const loan = await loadReadable(String(req.params.id), actor);
    const { comment } = parse(ZWithdrawLoan, req.body ?? {});
    await withdraw(deps, CHAIN_APIS.loan, { subjectId: loan.id, actor, comment });
    res.json({ loan: presentLoan(await reload(loan.id)) });
  });

  router.post('/loans/:id/findings', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    assertMayRecordFinding(actor);
    const loan = await loadReadable(String(req.params.id), actor);
    const finding = await recordLoanFinding({ prisma, actor, loan, input: req.body });
    res.status(201).json({ finding: presentFinding(finding), loan: presentLoan(await reload(loan.id)) });
  });

  // The county's position against the current year's cap, or (with a year) against that year's figures.
  router.get(['/advances', '/advances/:fiscalYear'], async (req, res) => {
    const fiscalYear = req.params.fiscalYear === undefined ? undefined : parse(ZYearParam, req.params).fiscalYear;
    const actor = actorOf(req);
    if (!seesAllUnits(actor)) throw forbidden('暂付款总体情况仅供财政局、县领导及审计查看 / the advances position is for the bureau, leaders and auditors', 'wrong_role');
    const [position, control] = await Promise.all([readAdvancesPosition(prisma, fiscalYear), readControl()]);
    res.json({ position, disbursements: presentControl(control) });
  });

  router.get('/disbursement-suspension', async (_req, res) => {
    res.json({ control: presentControl(await readControl()) });
  });
  router.post('/disbursement-suspension', idempotency(prisma), async (req, res) => {
    const { reason } = parse(ZSuspendDisbursements, req.body);
    res.json({ control: presentControl(await setDisbursementSuspension(deps, { actor: actorOf(req), suspended: true, reason })) });
  });
  router.delete('/disbursement-suspension', async (req, res) => {
    const { reason } = parse(ZResumeDisbursements, req.body ?? {});
    res.json({ control: presentControl(await setDisbursementSuspension(deps, { actor: actorOf(req), suspended: false, reason })) });
  });

  async function readControl() {
    return (await prisma.disbursementControl.findUnique({ where: { id: 'county' } })) ?? { suspended: false, version: 0, reason: null, changedById: null, changedAt: new Date(0) };
  }

  async function loadReadable(id: string, actor: AuthedUser) {
    const loan = await prisma.loan.findUnique({
      where: { id },
      include: {
        ...LOAN_WITH_FLAGS, repayments: { orderBy: { recordedAt: 'asc' } }, notices: { orderBy: { seq: 'asc' } },
        findings: { include: { recordedBy: { select: { displayName: true } } }, orderBy: [{ foundOn: 'asc' }, { recordedAt: 'asc' }] },
      },
    });
    if (!loan) throw notFound('借款 / loan');
    await assertMayReadSubject(prisma, actor, loan);
    return loan;
  }
  const reload = (id: string) => prisma.loan.findUniqueOrThrow({ where: { id }, include: LOAN_WITH_FLAGS });

  return router;
}
