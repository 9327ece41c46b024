import { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { seesAllUnits } from '../budget-requests/visibility';
import { dashboardListQuery, ZDashboardListParams, ZDashboardQuery } from './schema';
import { defaultFiscalYear, holdingRows, pendingApprovals, readDashboard, requestRows, Scope } from './read-dashboard';
import { listWorkbook } from './export-list';
import { pendingLoanApprovals } from './pending-loans';
import type { AuthedUser } from '../context';

/** Clerks see only their own unit's requests; everyone else (auditors included) sees all, read-only. */
const scopeOf = (actor: AuthedUser): Scope => (seesAllUnits(actor) ? {} : { unitId: actor.unitId ?? '-' });

/** The finance bureau's dashboard: its numbers, and the list behind each (JSON or Excel). */
export function dashboardRouter({ prisma }: ApiDeps): Router {
  const router = Router();

  router.get('/dashboard', async (req, res) => {
    const { fiscalYear } = parse(ZDashboardQuery, req.query);
    res.json(await readDashboard(prisma, { fiscalYear, scope: scopeOf(actorOf(req)) }));
  });

  router.get('/dashboard/lists/:list', async (req, res) => {
    const { list } = parse(ZDashboardListParams, req.params);
    const q = parse(dashboardListQuery(list), req.query);
    const scope = scopeOf(actorOf(req));
    const fiscalYear = q.fiscalYear ?? (await defaultFiscalYear(prisma));
    const page = q.format === 'xlsx' ? { offset: 0 } : { limit: q.limit, offset: q.offset };
    const { total, items } = list === 'pending' ? await pendingApprovals(prisma, { fiscalYear, scope, step: q.step, page })
      : list === 'pending-loans' ? await pendingLoanApprovals(prisma, { fiscalYear, scope, step: q.step, page })
      : list === 'requests' ? await requestRows(prisma, { fiscalYear, scope, status: q.status, page })
        : await holdingRows(prisma, { fiscalYear, scope, status: list, page });
    if (q.format === 'xlsx') {
      const caption = [`${fiscalYear ?? ''} 年度`, q.step, q.status, scope.unitId ? '本单位 own unit' : ''].filter(Boolean).join(' · ');
      const file = await listWorkbook(list, items as Record<string, unknown>[], caption);
      res.set('Content-Disposition', `attachment; filename="${list}-${fiscalYear ?? 'all'}.xlsx"`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file);
      return;
    }
    res.json({ list, fiscalYear: fiscalYear ?? null, total, limit: q.limit, offset: q.offset, items });
  });

  return router;
}
