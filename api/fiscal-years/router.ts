import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden, notFound } from '../errors';
import { hasRole, ZFiscalYearChange, ZFiscalYearFigures } from '../../domain';
import { readFiscalYearChanges } from './fiscal-year-changes';
import { seesAllUnits } from '../budget-requests/visibility';
import { presentFiscalYear } from './presenter';
import { setFiscalYearFigures } from './set-fiscal-year-figures';
import { ZYearNumber } from '../year-param';
import { COUNTY } from '../../activities/loan-cap';

const ZYearParam = z.object({ year: ZYearNumber });

/**
 * Fiscal-year figures: everyone signed in reads them (the advances against the R-L8 cap only
 * those who may see the advances position); only the finance director sets them.
 */
export function fiscalYearsRouter({ prisma }: ApiDeps): Router {
  const router = Router();

  router.get('/fiscal-years', async (req, res) => {
    const rows = await prisma.fiscalYear.findMany({ orderBy: { year: 'desc' } });
    if (!seesAllUnits(actorOf(req))) {
      res.json({ items: rows.map((fy) => presentFiscalYear(fy)) });
      return;
    }
    // One county balance, whatever year an advance was made in, measured against each year's cap.
    const held = await prisma.advancesPosition.findUnique({ where: { id: COUNTY } });
    res.json({ items: rows.map((fy) => presentFiscalYear(fy, held)) });
  });

  router.get('/fiscal-years/:year', async (req, res) => {
    const { year } = parse(ZYearParam, req.params);
    const fy = await prisma.fiscalYear.findUnique({ where: { year } });
    if (!fy) throw notFound(`${year} 年度财政数据 / fiscal year ${year}`);
    const held = seesAllUnits(actorOf(req)) ? await prisma.advancesPosition.findUnique({ where: { id: COUNTY } }) : undefined;
    res.json({ fiscalYear: presentFiscalYear(fy, held) });
  });

  // Every time the year's figures were set: who, when, from what to what, why and on which document.
  router.get('/fiscal-years/:year/changes', async (req, res) => {
    const { year } = parse(ZYearParam, req.params);
    res.json({ items: await readFiscalYearChanges(prisma, year) });
  });

  router.put('/fiscal-years/:year', async (req, res) => {
    const actor = actorOf(req);
    if (!hasRole(actor, 'finance_director')) throw forbidden('只有财政局局长可以录入年度财政数据 / only the finance director sets fiscal-year figures', 'wrong_role');
    const { year } = parse(ZYearParam, req.params);
    const figures = parse(ZFiscalYearFigures, req.body);
    // A recorded year's figures change only with a reason and the document behind it (kept in the audit trail).
    const recorded = await prisma.fiscalYear.findUnique({ where: { year }, select: { year: true } });
    const change = recorded ? parse(ZFiscalYearChange, req.body) : ZFiscalYearChange.safeParse(req.body).data;
    const { fiscalYear, held, warnings } = await setFiscalYearFigures({ prisma, actor, year, figures, change });
    res.json({ fiscalYear: presentFiscalYear(fiscalYear, held), warnings });
  });

  return router;
}
