import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import {
  addDutyDays, BUREAU_STAFF, chinaDate, CHINA_WORKING_DAY_CALENDAR, dateColumn, DEFAULT_DUTY_SETTINGS, hasRole, isLargeTransfer, ISSUING_LEVELS, normalizeYuan, RULES, subYuan,
  toDateColumn, ZAllocateTransfer, ZRecordTransfer,
} from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { withWorkflowDeadline } from '../workflow-calls';
import { idempotency } from '../idempotency';
import { allocateTransferUpdate, transferWorkflowId } from '../../workflows/transfers';
import { timingOf } from '../../workflows/reports';
import { writeAudit } from '../../activities/audit';

const ZId = z.object({ id: z.string().min(1).max(64) });

type TransferRow = { id: string; documentNumber: string; issuingLevel: string; amount: object; allocated: object; purpose: string; receivedOn: Date; onwardDeadline: Date; deadlineFromDocument: boolean; responsibleOfficerId: string; large: boolean; status: string; late: boolean; createdAt: Date };
export const presentTransfer = (t: TransferRow) => ({
  id: t.id, documentNumber: t.documentNumber, issuingLevel: t.issuingLevel, issuingLevelLabel: ISSUING_LEVELS[t.issuingLevel as keyof typeof ISSUING_LEVELS],
  amount: normalizeYuan(t.amount), allocated: normalizeYuan(t.allocated), left: subYuan(normalizeYuan(t.amount), normalizeYuan(t.allocated)),
  purpose: t.purpose, receivedOn: dateColumn(t.receivedOn), onwardDeadline: dateColumn(t.onwardDeadline), deadlineFromDocument: t.deadlineFromDocument,
  responsibleOfficerId: t.responsibleOfficerId, large: t.large, status: t.status, late: t.late, createdAt: t.createdAt, ruleId: 'R-B7', rule: RULES['R-B7'].zh,
});

/** R-B7 transfers from above: recorded when received, passed on to units by their deadline, large ones reported. */
export function transfersRouter({ prisma, temporal, taskQueue, duties = DEFAULT_DUTY_SETTINGS, workingDayCalendar = CHINA_WORKING_DAY_CALENDAR }: ApiDeps): Router {
  const router = Router();
  const assertStaff = (actor: ReturnType<typeof actorOf>) => {
    if (!hasRole(actor, ...BUREAU_STAFF)) throw forbidden('由财政局登记和下达 / the finance bureau records and passes on transfers', 'wrong_role');
  };

  router.get('/transfers', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('仅供财政局、县领导及审计查看 / for the bureau, leaders and auditors', 'wrong_role');
    const rows = await prisma.transfer.findMany({ orderBy: [{ status: 'desc' }, { onwardDeadline: 'asc' }], take: 500 });
    res.json({ items: rows.map(presentTransfer) });
  });

  router.get('/transfers/:id', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('仅供财政局、县领导及审计查看 / for the bureau, leaders and auditors', 'wrong_role');
    const { id } = parse(ZId, req.params);
    const t = await prisma.transfer.findUnique({ where: { id }, include: { allocations: { orderBy: { recordedAt: 'asc' } } } });
    if (!t) throw notFound('上级专项资金 / the transfer');
    const units = await prisma.unit.findMany({ where: { id: { in: t.allocations.map((a) => a.unitId) } }, select: { id: true, name: true, monitored: true } });
    res.json({
      transfer: presentTransfer(t),
      allocations: t.allocations.map((a) => ({ id: a.id, unitId: a.unitId, unit: units.find((u) => u.id === a.unitId), amount: normalizeYuan(a.amount), reference: a.reference, allocatedOn: dateColumn(a.allocatedOn), recordedAt: a.recordedAt })),
    });
  });

  router.post('/transfers', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    assertStaff(actor);
    const body = parse(ZRecordTransfer, req.body);
    const today = chinaDate(Date.now());
    if (body.receivedOn > today) throw badRequest([{ field: 'receivedOn', message: '收到日期不能晚于今天 / cannot be in the future' }]);
    if (body.onwardDeadline && body.onwardDeadline < body.receivedOn) throw badRequest([{ field: 'onwardDeadline', message: '下达期限不能早于收到日期 / cannot be before the date received' }]);
    if (await prisma.transfer.findUnique({ where: { documentNumber: body.documentNumber } })) throw conflict('transfer_exists', `文件 ${body.documentNumber} 已登记 / this document is already recorded`);
    const id = crypto.randomUUID();
    const onwardDeadline = body.onwardDeadline ?? addDutyDays(workingDayCalendar, body.receivedOn, duties.transferOnwardDays);
    const large = isLargeTransfer(body.amount, duties);
    const t = await prisma.$transaction(async (tx) => {
      const row = await tx.transfer.create({
        data: {
          id, documentNumber: body.documentNumber, issuingLevel: body.issuingLevel, amount: body.amount, purpose: body.purpose, receivedOn: toDateColumn(body.receivedOn),
          onwardDeadline: toDateColumn(onwardDeadline), deadlineFromDocument: Boolean(body.onwardDeadline), responsibleOfficerId: actor.userId, large, status: 'open',
          workflowId: transferWorkflowId(id), recordedById: actor.userId,
        },
      });
      await writeAudit(tx, { eventKey: `transfer:${id}:recorded`, actorId: actor.userId, subjectType: 'transfer', subjectId: id, data: { type: 'transfer_recorded', documentNumber: body.documentNumber, amount: body.amount, onwardDeadline, large } });
      return row;
    });
    try {
      await withWorkflowDeadline(temporal, () => temporal.workflow.start('transferWorkflow', { workflowId: transferWorkflowId(id), taskQueue, args: [{ transferId: id, timing: timingOf(duties, workingDayCalendar) }] }), 10_000);
    } catch (err) {
      // Nothing half-written: without its watching workflow the transfer is not recorded.
      await prisma.$transaction([prisma.auditEvent.deleteMany({ where: { eventKey: `transfer:${id}:recorded` } }), prisma.transfer.delete({ where: { id } })]);
      throw err;
    }
    res.status(201).json({ transfer: presentTransfer(t) });
  });

  router.post('/transfers/:id/allocations', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    assertStaff(actor);
    const { id } = parse(ZId, req.params);
    const body = parse(ZAllocateTransfer, req.body);
    const t = await prisma.transfer.findUnique({ where: { id } });
    if (!t) throw notFound('上级专项资金 / the transfer');
    if (t.status !== 'open') throw conflict('transfer_allocated', `文件 ${t.documentNumber} 的资金已全部下达 / this transfer has been passed on in full`);
    if (!(await prisma.unit.findUnique({ where: { id: body.unitId } }))) throw badRequest([{ field: 'unitId', message: '没有这个单位 / no such unit' }]);
    const result = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(transferWorkflowId(id)).executeUpdate(allocateTransferUpdate, {
      args: [{ actor, unitId: body.unitId, amount: body.amount, reference: body.reference, allocatedOn: body.allocatedOn ?? chinaDate(Date.now()) }],
      updateId: `${id}:${body.reference}:${body.amount}`, // a corrected amount under the same reference is a new attempt
    }));
    res.status(result.replayed ? 200 : 201).json({ left: result.left, transfer: presentTransfer(await prisma.transfer.findUniqueOrThrow({ where: { id } })) });
  });

  return router;
}
