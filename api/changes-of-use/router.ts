import { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { notFound } from '../errors';
import { idempotency } from '../idempotency';
import { changeOfUsePositionLabel } from '../../domain';
import { chainHistory } from '../chain-history';
import { seesAllUnits } from '../budget-requests/visibility';
import { assertMayReadSubject } from '../approval/copies';
import { ZFileChangeOfUse, ZListChangesOfUse } from './schema';
import { presentChangeOfUse } from './presenter';
import { fileChangeOfUse } from './file-change-of-use';

/** R-B10 changes of use (预算调剂): file, list (三保 money first), read with the chain's history. */
export function changesOfUseRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();

  router.post('/changes-of-use', idempotency(prisma), async (req, res) => {
    const content = parse(ZFileChangeOfUse, req.body);
    const request = await fileChangeOfUse(deps, { actor: actorOf(req), content, idempotencyKey: req.get('idempotency-key') });
    res.status(201).json({ changeOfUse: presentChangeOfUse(request) });
  });

  router.get('/changes-of-use', async (req, res) => {
    const actor = actorOf(req);
    const q = parse(ZListChangesOfUse, req.query);
    const text = q.q?.trim();
    const contains = (v: string) => ({ contains: v, mode: 'insensitive' as const });
    const where = {
      status: q.status, fiscalYear: q.fiscalYear, unitId: seesAllUnits(actor) ? q.unitId : actor.unitId ?? '-',
      ...(text ? { OR: [{ number: contains(text) }, { fromUse: contains(text) }, { toUse: contains(text) }] } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.changeOfUseRequest.count({ where }),
      prisma.changeOfUseRequest.findMany({ where, include: { unit: true }, orderBy: [{ sourceThreeGuarantees: 'desc' }, { createdAt: 'desc' }], take: q.limit, skip: q.offset }),
    ]);
    res.json({ total, items: rows.map(presentChangeOfUse) });
  });

  router.get('/changes-of-use/:id', async (req, res) => {
    const request = await prisma.changeOfUseRequest.findUnique({ where: { id: String(req.params.id) }, include: { unit: true } });
    if (!request) throw notFound('预算调剂申请 / change-of-use request');
    await assertMayReadSubject(prisma, actorOf(req), request);
    res.json({ changeOfUse: presentChangeOfUse(request), ...(await chainHistory(prisma, request.id, changeOfUsePositionLabel)) });
  });

  return router;
}
