import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden, notFound } from '../errors';
import { hasRole, normalizeYuan, RULES } from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { writeAudit } from '../../activities/audit';

const ZId = z.object({ id: z.string().min(1).max(64) });
const ZMonitoring = z.object({ monitored: z.boolean() });

/** R-M2 重点单位监控: the director marks units; the watch page shows their requests, loans and risk events together. */
export function keyUnitsRouter({ prisma }: ApiDeps): Router {
  const router = Router();

  router.put('/units/:id/monitoring', async (req, res) => {
    const actor = actorOf(req);
    if (!hasRole(actor, 'finance_director')) throw forbidden('重点单位由财政局局长确定 / the finance director marks key units', 'wrong_role');
    const { id } = parse(ZId, req.params);
    const { monitored } = parse(ZMonitoring, req.body);
    const unit = await prisma.unit.findUnique({ where: { id } });
    if (!unit) throw notFound('单位 / the unit');
    const saved = await prisma.$transaction(async (tx) => {
      const u = await tx.unit.update({ where: { id }, data: monitored ? { monitored, monitoredSince: unit.monitored ? unit.monitoredSince : new Date(), monitoredById: actor.userId } : { monitored, monitoredSince: null, monitoredById: null } });
      if (unit.monitored !== monitored) {
        await writeAudit(tx, { eventKey: `unit:${id}:monitoring:${crypto.randomUUID()}`, actorId: actor.userId, subjectType: 'unit', subjectId: id, data: { type: 'unit_monitoring_set', monitored } });
      }
      return u;
    });
    res.json({ unit: { id: saved.id, name: saved.name, monitored: saved.monitored, monitoredSince: saved.monitoredSince } });
  });

  router.get('/watch-list', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('仅供财政局、县领导及审计查看 / for the bureau, leaders and auditors', 'wrong_role');
    const units = await prisma.unit.findMany({ where: { monitored: true }, orderBy: { code: 'asc' } });
    const ids = units.map((u) => u.id);
    const [requests, loans, events] = await Promise.all([
      prisma.budgetRequest.findMany({ where: { unitId: { in: ids }, status: { in: ['in_review', 'returned'] } }, orderBy: { createdAt: 'desc' } }),
      prisma.loan.findMany({ where: { unitId: { in: ids }, status: { in: ['in_review', 'approved', 'disbursed'] } }, orderBy: { createdAt: 'desc' } }),
      prisma.riskEvent.findMany({ where: { unitIds: { hasSome: ids } }, orderBy: { occurredAt: 'desc' }, take: 200 }),
    ]);
    res.json({
      ruleId: 'R-M2', rule: RULES['R-M2'].zh,
      units: units.map((u) => ({
        id: u.id, code: u.code, name: u.name, monitoredSince: u.monitoredSince, keyUnit: true,
        requests: requests.filter((r) => r.unitId === u.id).map((r) => ({ id: r.id, number: r.number, amount: normalizeYuan(r.amount), status: r.status, step: r.step, threeGuarantees: r.threeGuarantees, keyUnit: true })),
        loans: loans.filter((l) => l.unitId === u.id).map((l) => ({ id: l.id, number: l.number, amount: normalizeYuan(l.amount), outstanding: normalizeYuan(l.outstanding), status: l.status, dueDate: l.dueDate, keyUnit: true })),
        riskEvents: events.filter((e) => e.unitIds.includes(u.id)).map((e) => ({ id: e.id, number: e.number, kind: e.kind, status: e.status, occurredAt: e.occurredAt, reportLate: e.reportLate, keyUnit: true })),
      })),
    });
  });

  return router;
}
