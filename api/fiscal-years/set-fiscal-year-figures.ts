import type { PrismaClient } from '../../prisma/client';
import { Actor, checkHeldAdvances, FiscalYearChange, FiscalYearFigures, normalizeYuan, violation } from '../../domain';
import { ruleRefusal } from '../errors';
import { writeAudit } from '../../activities/audit';
import { COUNTY } from '../../activities/loan-cap';

export interface SetFiscalYearFiguresOptions {
  prisma: PrismaClient;
  /** the finance director (the router checks the role) */
  actor: Actor;
  year: number;
  figures: FiscalYearFigures;
  /** why and on what document; required by the router when the year is already recorded */
  change?: FiscalYearChange;
}

/**
 * Records a year's figures. R-B3 refuses available resources below what requests already hold;
 * R-L8 does not refuse (the figures are facts the director records) but is returned as a warning
 * when the new cap is below the advances already held, and written into the audit event, with the
 * figures before, the reason and the document reference of a change.
 */
export async function setFiscalYearFigures({ prisma, actor, year, figures: f, change }: SetFiscalYearFiguresOptions) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.fiscalYear.findUnique({ where: { year } });
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
    // What is held as the figures are saved; a loan approved a moment later is checked against the new cap anyway.
    const held = await tx.advancesPosition.findUnique({ where: { id: COUNTY } });
    const warnings = checkHeldAdvances(f, normalizeYuan(held?.outstanding ?? '0'), normalizeYuan(held?.reserved ?? '0'));
    await writeAudit(tx, {
      eventKey: `fiscal_year:${year}:${crypto.randomUUID()}`, actorId: actor.userId, subjectType: 'fiscal_year', subjectId: String(year),
      data: {
        type: 'fiscal_year_set', year, ...f, warnings: warnings.map((w) => ({ ruleId: w.ruleId, detail: w.detail })),
        ...(before ? { previous: {
          generalBudgetExpenditure: normalizeYuan(before.generalBudgetExpenditure), fundBudgetExpenditure: normalizeYuan(before.fundBudgetExpenditure),
          availableResources: normalizeYuan(before.availableResources),
        } } : {}),
        ...(change ?? {}),
      },
    });
    return { fiscalYear: await tx.fiscalYear.findUniqueOrThrow({ where: { year } }), held, warnings };
  });
}
