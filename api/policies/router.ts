import { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { notFound } from '../errors';
import { idempotency } from '../idempotency';
import { normalizeYuan, policyPositionLabel } from '../../domain';
import { chainHistory } from '../chain-history';
import { seesAllUnits } from '../budget-requests/visibility';
import { ZFilePolicy, ZListPolicies } from './schema';
import { presentPolicy } from './presenter';
import { filePolicy } from './file-policy';
import { assertMayReadPolicy, policyVisibility } from './visibility';
import { isCopied } from '../approval/copies';

/** R-B9 major spending-increase policies: file, list, read with their chain and the budgets implementing them. */
export function policiesRouter(deps: ApiDeps): Router {
  const { prisma } = deps;
  const router = Router();

  router.post('/policies', idempotency(prisma), async (req, res) => {
    const filing = parse(ZFilePolicy, req.body);
    const policy = await filePolicy(deps, { actor: actorOf(req), filing, idempotencyKey: req.get('idempotency-key') });
    res.status(201).json({ policy: presentPolicy(policy) });
  });

  router.get('/policies', async (req, res) => {
    const actor = actorOf(req);
    const q = parse(ZListPolicies, req.query);
    const text = q.q?.trim();
    const where = {
      AND: [policyVisibility(actor), {
        status: q.status, unitId: q.unitId, fiscalYear: q.fiscalYear,
        ...(text ? { OR: [{ number: { contains: text, mode: 'insensitive' as const } }, { title: { contains: text, mode: 'insensitive' as const } }] } : {}),
      }],
    };
    const [total, rows] = await Promise.all([
      prisma.policy.count({ where }),
      prisma.policy.findMany({ where, include: { unit: true }, orderBy: { createdAt: 'desc' }, take: q.limit, skip: q.offset }),
    ]);
    res.json({ total, items: rows.map(presentPolicy) });
  });

  router.get('/policies/:id', async (req, res) => {
    const actor = actorOf(req);
    const policy = await prisma.policy.findUnique({ where: { id: String(req.params.id) }, include: { unit: true } });
    if (!policy) throw notFound('重大增支政策 / policy');
    if (!(await isCopied(prisma, actor, policy.id))) assertMayReadPolicy(actor, policy);
    const [history, budgets] = await Promise.all([
      chainHistory(prisma, policy.id, policyPositionLabel),
      prisma.budgetRequest.findMany({
        where: { policyId: policy.id, ...(seesAllUnits(actor) ? {} : { unitId: actor.unitId ?? '-' }) },
        include: { unit: true }, orderBy: { createdAt: 'asc' },
      }),
    ]);
    res.json({
      policy: presentPolicy(policy), ...history,
      budgetRequests: budgets.map((b) => ({ id: b.id, number: b.number, unit: b.unit.name, amount: normalizeYuan(b.amount), status: b.status, purpose: b.purpose })),
    });
  });

  return router;
}
