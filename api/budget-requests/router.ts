import { UNIT_BRIEF } from '../units/unit-brief';
import { Router } from 'express';
import { DECISION_PEOPLE } from '../delegation/decision-people';
import { subjectConsultations } from '../consultations/present';
import { exportRequestList, REQUEST_LIST_ORDER, requestListKeptFilter, requestListTotals, requestListWhere } from './list-requests';
import { XLSX_TYPE } from '../workbook';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { notFound, ruleRefusal } from '../errors';
import { checkImplementedPolicy } from '../policies/implemented-policy';
import { idempotency } from '../idempotency';
import { resubmit, withdraw } from '../approval/applicant-actions';
import { CHAIN_APIS } from '../approval/chains';
import { normalizeYuan } from '../../domain';
import { ZListBudgetRequests, ZResubmitBudgetRequest, ZSubmitBudgetRequest, ZWithdrawBudgetRequest } from './schema';
import { presentBudgetRequest, presentDecision, presentTask } from './presenter';
import { submitBudgetRequest } from './submit-budget-request';
import { assertMayReadSubject } from '../approval/copies';

/** Supplementary-budget requests: file, list, read with full history, resubmit, withdraw. */
export function budgetRequestsRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();

  router.post('/budget-requests', idempotency(prisma), async (req, res) => {
    const content = parse(ZSubmitBudgetRequest, req.body);
    const request = await submitBudgetRequest(deps, actorOf(req), content, req.get('idempotency-key'));
    res.status(201).json({ request: presentBudgetRequest(request) });
  });

  router.get('/budget-requests', async (req, res) => {
    const actor = actorOf(req);
    const q = parse(ZListBudgetRequests, req.query);
    const where = requestListWhere(actor, q);
    if (q.format === 'xlsx') {
      const { file, filename } = await exportRequestList(prisma, q, where);
      res.set('Content-Disposition', `attachment; filename="${filename}"`).type(XLSX_TYPE).send(file);
      return;
    }
    const [totals, rows] = await Promise.all([
      requestListTotals(prisma, where, requestListKeptFilter(actor, q)),
      prisma.budgetRequest.findMany({ where, include: { unit: UNIT_BRIEF }, take: q.limit, skip: q.offset, orderBy: REQUEST_LIST_ORDER }),
    ]);
    res.json({ ...totals, items: rows.map(presentBudgetRequest) });
  });

  router.get('/budget-requests/:id', async (req, res) => {
    const request = await loadReadable(String(req.params.id), actorOf(req));
    const [rounds, decisions, tasks, audit, consultations] = await Promise.all([
      prisma.budgetRound.findMany({ where: { requestId: request.id }, orderBy: { round: 'asc' } }),
      prisma.decision.findMany({ where: { subjectId: request.id }, include: DECISION_PEOPLE, orderBy: { decidedAt: 'asc' } }),
      prisma.task.findMany({ where: { subjectId: request.id }, include: { assignee: true }, orderBy: { openedAt: 'asc' } }),
      prisma.auditEvent.findMany({ where: { subjectId: request.id }, orderBy: { id: 'asc' } }),
      subjectConsultations(prisma, request.id),
    ]);
    res.json({
      request: presentBudgetRequest(request),
      policy: request.policy ? { id: request.policy.id, number: request.policy.number, title: request.policy.title, status: request.policy.status } : null,
      rounds: rounds.map((r) => ({ round: r.round, content: r.content, submittedAt: r.submittedAt, submittedBy: r.submittedBy })),
      decisions: decisions.map(presentDecision),
      /** opinions asked before deciding (征求意见) and their answers */
      consultations,
      tasks: tasks.map((t) => ({ ...presentTask(t), assigneeName: t.assignee.displayName })),
      reservation: request.reservation
        ? { amount: normalizeYuan(request.reservation.amount), status: request.reservation.status, fiscalYear: request.reservation.fiscalYear }
        : null,
      disbursementSchedule: request.disbursements.map((d) => ({ seq: d.seq, month: d.month, amount: normalizeYuan(d.amount) })),
      audit: audit.map((e) => ({ id: String(e.id), at: e.at, actorId: e.actorId, type: e.type, data: e.data })),
    });
  });

  router.post('/budget-requests/:id/resubmit', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const request = await loadReadable(String(req.params.id), actor);
    const { round, ...content } = parse(ZResubmitBudgetRequest, req.body);
    const violations = await checkImplementedPolicy(prisma, content.policyId);
    if (violations.length) throw ruleRefusal(violations);
    await resubmit(deps, CHAIN_APIS.budget, { subjectId: request.id, actor, content, expectedRound: round, fiscalYear: request.fiscalYear });
    res.json({ request: presentBudgetRequest(await reload(request.id)) });
  });

  router.post('/budget-requests/:id/withdraw', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const request = await loadReadable(String(req.params.id), actor);
    const { comment } = parse(ZWithdrawBudgetRequest, req.body);
    await withdraw(deps, CHAIN_APIS.budget, { subjectId: request.id, actor, comment });
    res.json({ request: presentBudgetRequest(await reload(request.id)) });
  });

  async function loadReadable(id: string, actor: ReturnType<typeof actorOf>) {
    const request = await prisma.budgetRequest.findUnique({ where: { id }, include: { unit: true, reservation: true, policy: true, disbursements: { orderBy: { seq: 'asc' } } } });
    if (!request) throw notFound('追加预算申请 / budget request');
    await assertMayReadSubject(prisma, actor, request);
    return request;
  }
  const reload = (id: string) => prisma.budgetRequest.findUniqueOrThrow({ where: { id }, include: { unit: true } });

  return router;
}
