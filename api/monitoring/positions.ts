import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden } from '../errors';
import { cashCoverage, hasRole, MONTH_PATTERN, normalizeYuan, ZMonthlyPosition } from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { writeAudit } from '../../activities/audit';

const ZMonth = z.object({ month: z.string().regex(MONTH_PATTERN, '月份格式为 YYYY-MM / a month as YYYY-MM') });

const present = (p: { month: string; debtBalance: object; debtServiceDue: object; treasuryCash: object; threeGuaranteesSpending: object; updatedAt: Date }) => ({
  month: p.month, debtBalance: normalizeYuan(p.debtBalance), debtServiceDue: normalizeYuan(p.debtServiceDue),
  treasuryCash: normalizeYuan(p.treasuryCash), threeGuaranteesSpending: normalizeYuan(p.threeGuaranteesSpending), updatedAt: p.updatedAt,
});

/** R-M2 figures the bureau records each month: debt, debt service due, treasury cash and the month's 三保 spending. */
export function positionsRouter({ prisma }: ApiDeps): Router {
  const router = Router();

  router.get('/monitoring/positions', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('仅供财政局、县领导及审计查看 / for the bureau, leaders and auditors', 'wrong_role');
    const rows = await prisma.monthlyPosition.findMany({ orderBy: { month: 'desc' }, take: 24 });
    const latest = rows[0];
    res.json({
      items: rows.map(present),
      // 库款保障水平 of the latest month: cash ÷ the average 三保 spending of up to 12 recorded months
      cashCoverageMonths: latest ? cashCoverage(normalizeYuan(latest.treasuryCash), rows.slice(0, 12).map((r) => normalizeYuan(r.threeGuaranteesSpending))) : null,
    });
  });

  router.put('/monitoring/positions/:month', async (req, res) => {
    const actor = actorOf(req);
    if (!hasRole(actor, 'finance_director', 'treasury_officer')) throw forbidden('由财政局局长或国库股录入 / recorded by the finance director or the treasury', 'wrong_role');
    const { month } = parse(ZMonth, req.params);
    const f = parse(ZMonthlyPosition, req.body);
    const row = await prisma.$transaction(async (tx) => {
      const saved = await tx.monthlyPosition.upsert({ where: { month }, create: { month, ...f, recordedById: actor.userId }, update: { ...f, recordedById: actor.userId } });
      await writeAudit(tx, {
        eventKey: `monthly_position:${month}:${saved.updatedAt.toISOString()}`, actorId: actor.userId, subjectType: 'monthly_position', subjectId: month,
        data: { type: 'monthly_position_set', month, ...f },
      });
      return saved;
    });
    res.json({ position: present(row) });
  });

  return router;
}
