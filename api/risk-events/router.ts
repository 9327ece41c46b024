import { Router } from 'express';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { BUREAU_STAFF, chinaDate, DEFAULT_DUTY_SETTINGS, hasRole, RISK_KINDS, RiskKind, RULES, ZDutyNote, ZRecordRiskEvent } from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { withWorkflowDeadline } from '../workflow-calls';
import { idempotency } from '../idempotency';
import { closeRiskEventUpdate, reportRiskEventUpdate, riskEventWorkflowId } from '../../workflows/risk-events';
import { writeAudit } from '../../activities/audit';
import { setDisbursementSuspension, presentControl } from '../loans/suspend-disbursements';

const ZId = z.object({ id: z.string().min(1).max(64) });

type EventRow = { id: string; number: string; kind: string; occurredAt: Date; description: string; unitIds: string[]; reportDueAt: Date; reportedAt: Date | null; reportNote: string | null; reportLate: boolean; status: string; closedAt: Date | null; closingNote: string | null; createdAt: Date; recordedById: string };
const present = (e: EventRow, units: { id: string; name: string; monitored: boolean }[]) => ({
  id: e.id, number: e.number, kind: e.kind, kindLabel: RISK_KINDS[e.kind as RiskKind], occurredAt: e.occurredAt, description: e.description,
  units: e.unitIds.map((id) => units.find((u) => u.id === id) ?? { id, name: id, monitored: false }), keyUnit: e.unitIds.some((id) => units.find((u) => u.id === id)?.monitored),
  reportDueAt: e.reportDueAt, reportedAt: e.reportedAt, reportNote: e.reportNote, reportLate: e.reportLate, status: e.status, closedAt: e.closedAt, closingNote: e.closingNote,
  createdAt: e.createdAt, recordedById: e.recordedById, ruleId: 'R-M4', rule: RULES['R-M4'].zh,
  /** R-M3 in one click for a payment risk */
  offersSuspension: e.kind === 'payment_risk' && e.status === 'open',
});

/** R-M4 risk events: recorded by the bureau, reported within the configured hours, handled step by step, closed. */
export function riskEventsRouter(deps: ApiDeps): Router {
  const { prisma, temporal, taskQueue, duties = DEFAULT_DUTY_SETTINGS } = deps;
  const router = Router();
  const assertStaff = (actor: ReturnType<typeof actorOf>) => {
    if (!hasRole(actor, ...BUREAU_STAFF)) throw forbidden('由财政局登记和处置 / the finance bureau records and handles risk events', 'wrong_role');
  };
  const unitsOf = (ids: string[]) => prisma.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, monitored: true } });
  const load = async (id: string) => {
    const e = await prisma.riskEvent.findUnique({ where: { id }, include: { steps: { orderBy: { recordedAt: 'asc' } } } });
    if (!e) throw notFound('风险事件 / the risk event');
    return e;
  };
  const respond = async (id: string) => {
    const e = await load(id);
    return { event: present(e, await unitsOf(e.unitIds)), steps: e.steps.map((s) => ({ id: s.id, note: s.note, recordedById: s.recordedById, recordedAt: s.recordedAt })) };
  };

  router.get('/risk-events', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('仅供财政局、县领导及审计查看 / for the bureau, leaders and auditors', 'wrong_role');
    const rows = await prisma.riskEvent.findMany({ orderBy: [{ status: 'desc' }, { occurredAt: 'desc' }], take: 500 });
    const units = await unitsOf([...new Set(rows.flatMap((r) => r.unitIds))]);
    res.json({ items: rows.map((r) => present(r, units)) });
  });

  router.get('/risk-events/:id', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('仅供财政局、县领导及审计查看 / for the bureau, leaders and auditors', 'wrong_role');
    res.json(await respond(parse(ZId, req.params).id));
  });

  router.post('/risk-events', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    assertStaff(actor);
    const body = parse(ZRecordRiskEvent, req.body);
    const occurredAt = new Date(body.occurredAt);
    if (occurredAt.getTime() > Date.now() + 60_000) throw badRequest([{ field: 'occurredAt', message: '发生时间不能晚于现在 / cannot be in the future' }]);
    const units = await unitsOf(body.unitIds);
    const unknown = body.unitIds.filter((id) => !units.some((u) => u.id === id));
    if (unknown.length) throw badRequest([{ field: 'unitIds', message: `没有这些单位 / no such units: ${unknown.join(', ')}` }]);
    const id = crypto.randomUUID();
    // The report is due within the configured hours of the recording (the bureau cannot report what it has not heard of).
    const reportDueAt = new Date(Date.now() + duties.riskReportHours * 3600_000);
    const number = `FX-${chinaDate(Date.now()).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
    await prisma.$transaction(async (tx) => {
      await tx.riskEvent.create({ data: { id, number, kind: body.kind, occurredAt, description: body.description, unitIds: body.unitIds, reportDueAt, status: 'open', workflowId: riskEventWorkflowId(id), recordedById: actor.userId } });
      await writeAudit(tx, { eventKey: `risk:${id}:recorded`, actorId: actor.userId, subjectType: 'risk_event', subjectId: id, data: { type: 'risk_event_recorded', kind: body.kind, occurredAt: occurredAt.toISOString(), reportDueAt: reportDueAt.toISOString(), unitIds: body.unitIds } });
    });
    try {
      await withWorkflowDeadline(temporal, () => temporal.workflow.start('riskEventWorkflow', { workflowId: riskEventWorkflowId(id), taskQueue, args: [{ eventId: id }] }), 10_000);
    } catch (err) {
      await prisma.$transaction([prisma.auditEvent.deleteMany({ where: { eventKey: `risk:${id}:recorded` } }), prisma.riskEvent.delete({ where: { id } })]);
      throw err;
    }
    res.status(201).json(await respond(id));
  });

  router.post('/risk-events/:id/report', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(ZId, req.params);
    const { note } = parse(ZDutyNote, req.body);
    await load(id);
    const outcome = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(riskEventWorkflowId(id)).executeUpdate(reportRiskEventUpdate, { args: [{ actor, note }] }));
    res.json({ outcome, ...(await respond(id)) });
  });

  router.post('/risk-events/:id/steps', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    assertStaff(actor);
    const { id } = parse(ZId, req.params);
    const { note } = parse(ZDutyNote, req.body);
    const e = await load(id);
    if (e.status !== 'open') throw conflict('already_closed', '风险事件已结案 / the event is already closed');
    const stepId = crypto.randomUUID();
    await prisma.$transaction(async (tx) => {
      await tx.riskEventStep.create({ data: { id: stepId, eventId: id, note, recordedById: actor.userId } });
      await writeAudit(tx, { eventKey: `risk:${id}:step:${stepId}`, actorId: actor.userId, subjectType: 'risk_event', subjectId: id, data: { type: 'risk_event_step', note } });
    });
    res.status(201).json(await respond(id));
  });

  router.post('/risk-events/:id/close', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(ZId, req.params);
    const { note } = parse(ZDutyNote, req.body);
    await load(id);
    await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(riskEventWorkflowId(id)).executeUpdate(closeRiskEventUpdate, { args: [{ actor, note }] }));
    res.json(await respond(id));
  });

  /** R-M3 in one click from a payment-risk event: the director suspends disbursements, citing the event. */
  router.post('/risk-events/:id/suspend-payments', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(ZId, req.params);
    const e = await load(id);
    if (e.kind !== 'payment_risk') throw conflict('not_payment_risk', 'R-M3 暂停支付仅适用于支付风险事件 / suspension is offered for payment-risk events');
    const control = await setDisbursementSuspension(deps, { actor, suspended: true, reason: `R-M3 风险事件 ${e.number}：${e.description}`.slice(0, 500) });
    res.json({ control: presentControl(control), ...(await respond(id)) });
  });

  return router;
}
