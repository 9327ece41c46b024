import type { PrismaClient } from '../../prisma/client';

type Figures = { generalBudgetExpenditure: string; fundBudgetExpenditure: string; availableResources: string };
interface SetEvent extends Figures { type: string; previous?: Figures; reason?: string; documentReference?: string; warnings?: { ruleId: string; detail: string }[] }

/** A year's figure changes from the audit trail, newest first, with who made them. */
export async function readFiscalYearChanges(prisma: PrismaClient, year: number) {
  const events = await prisma.auditEvent.findMany({ where: { subjectType: 'fiscal_year', subjectId: String(year) }, orderBy: { id: 'desc' } });
  const actors = await prisma.user.findMany({ where: { id: { in: events.map((e) => e.actorId).filter((x): x is string => Boolean(x)) } }, select: { id: true, displayName: true } });
  return events
    .map((e) => ({ e, d: e.data as unknown as SetEvent }))
    .filter(({ d }) => d.type === 'fiscal_year_set')
    .map(({ e, d }) => ({
      at: e.at, actorId: e.actorId, actorName: actors.find((a) => a.id === e.actorId)?.displayName ?? null,
      figures: { generalBudgetExpenditure: d.generalBudgetExpenditure, fundBudgetExpenditure: d.fundBudgetExpenditure, availableResources: d.availableResources },
      previous: d.previous ?? null, reason: d.reason ?? null, documentReference: d.documentReference ?? null, warnings: d.warnings ?? [],
    }));
}
