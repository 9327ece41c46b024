import { advancesPosition, normalizeYuan, remainingCapacity } from '../../domain';

/** A FiscalYear row as Prisma returns it (amounts are Decimals). */
export interface FiscalYearRow {
  year: number; generalBudgetExpenditure: object; fundBudgetExpenditure: object; availableResources: object; reserved: object; committed: object; updatedAt: Date;
}
/** The county's AdvancesPosition row (every year's advances and the opening stock); absent until the first advance. */
export interface HeldAdvancesRow { outstanding: object; reserved: object }

/** R-L8: the county's advances against this year's 5% cap, from the domain's one computation of the cap. */
export function presentYearAdvances(fy: FiscalYearRow, held: HeldAdvancesRow | null) {
  return advancesPosition(
    { generalBudgetExpenditure: normalizeYuan(fy.generalBudgetExpenditure), fundBudgetExpenditure: normalizeYuan(fy.fundBudgetExpenditure) },
    normalizeYuan(held?.outstanding ?? '0'), normalizeYuan(held?.reserved ?? '0'),
  );
}

/**
 * Fiscal-year figures with what requests reserve and commit against them (R-B3); with `held`
 * (null: nothing held yet), also the advances against the R-L8 cap.
 */
export function presentFiscalYear(fy: FiscalYearRow, held?: HeldAdvancesRow | null) {
  const figures = {
    availableResources: normalizeYuan(fy.availableResources), reserved: normalizeYuan(fy.reserved), committed: normalizeYuan(fy.committed),
  };
  return {
    year: fy.year, generalBudgetExpenditure: normalizeYuan(fy.generalBudgetExpenditure),
    fundBudgetExpenditure: normalizeYuan(fy.fundBudgetExpenditure), ...figures, remaining: remainingCapacity(figures), updatedAt: fy.updatedAt,
    ...(held !== undefined ? { advances: presentYearAdvances(fy, held) } : {}),
  };
}
