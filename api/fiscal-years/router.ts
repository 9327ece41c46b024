import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden, notFound, ruleRefusal } from '../errors';
import { hasRole, normalizeYuan, remainingCapacity, violation, ZFiscalYearFigures } from '../../domain';
import { writeAudit } from '../../activities/audit';

const ZYearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

type Row = { year: number; generalBudgetExpenditure: object; fundBudgetExpenditure: object; availableResources: object; reserved: object; committed: object; updatedAt: Date };

/** Fiscal-year figures with what requests reserve and commit against them (R-B3). */
export function presentFiscalYear(fy: Row) {
  const figures = {
    availableResources: normalizeYuan(fy.availableResources), reserved: normalizeYuan(fy.reserved), committed: normalizeYuan(fy.committed),
  };
  return {
    year: fy.year, generalBudgetExpenditure: normalizeYuan(fy.generalBudgetExpenditure),
    fundBudgetExpenditure: normalizeYuan(fy.fundBudgetExpenditure), ...figures, remaining: remainingCapacity(figures), updatedAt: fy.updatedAt,
  };
}

/** Fiscal-year figures: everyone signed in reads them; only the finance director sets them. */
export function fiscalYearsRouter({ prisma }: ApiDeps): Router {
  const router = Router();

  router.get('/fiscal-years', async (_req, res) => {
    const rows = await prisma.fiscalYear.findMany({ orderBy: { year: 'desc' } });
    res.json({ items: rows.map(presentFiscalYear) });
  });

  router.get('/fiscal-years/:year', async (req, res) => {
    const { year } = parse(ZYearParam, req.params);
    const fy = await prisma.fiscalYear.findUnique({ where: { year } });
    if (!fy) throw notFound(`${year} 年度财政数据 / fiscal year ${year}`);
    res.json({ fiscalYear: presentFiscalYear(fy) });
  });

  router.put('/fiscal-years/:year', async (req, res) => {
    const actor = actorOf(req);
    if (!hasRole(actor, 'finance_director')) throw forbidden('只有财政局局长可以录入年度财政数据 / only the finance director sets fiscal-year figures', 'wrong_role');
    const { year } = parse(ZYearParam, req.params);
    const f = parse(ZFiscalYearFigures, req.body);
    const fy = await prisma.$transaction(async (tx) => {
      await tx.fiscalYear.createMany({ data: [{ year, ...f, updatedById: actor.userId }], skipDuplicates: true });
      // Lowering available resources below what is already held would create a deficit (R-B3).
      const updated = await tx.$executeRaw`
        UPDATE "FiscalYear" SET "generalBudgetExpenditure" = ${f.generalBudgetExpenditure}::numeric,
          "fundBudgetExpenditure" = ${f.fundBudgetExpenditure}::numeric, "availableResources" = ${f.availableResources}::numeric,
          "updatedById" = ${actor.userId}, "updatedAt" = now()
        WHERE year = ${year} AND reserved + committed <= ${f.availableResources}::numeric`;
      if (updated === 0) {
        const held = await tx.fiscalYear.findUniqueOrThrow({ where: { year } });
        throw ruleRefusal([violation('R-B3', `已预留及已承诺 ${normalizeYuan(held.reserved)} + ${normalizeYuan(held.committed)} 元，可用财力不能低于此数 / available resources cannot go below what is already reserved and committed`, 'availableResources')]);
      }
      await writeAudit(tx, {
        eventKey: `fiscal_year:${year}:${crypto.randomUUID()}`, actorId: actor.userId, subjectType: 'fiscal_year', subjectId: String(year),
        data: { type: 'fiscal_year_set', year, ...f },
      });
      return tx.fiscalYear.findUniqueOrThrow({ where: { year } });
    });
    res.json({ fiscalYear: presentFiscalYear(fy) });
  });

  return router;
}
