import type { PrismaClient } from '../../prisma/client';
import { normalizeYuan, Yuan } from '../../domain';

/** What an agenda line shows of its subject, whatever its chain: number, title, amount and unit, and its page. */
export interface AgendaSubject { number: string; title: string; amount: Yuan; unitId: string; unitName: string; path: string }

interface Row { id: string; number: string; unitId: string; unit: { name: string } }
const line = (r: Row, path: string, title: string, amount: { toString(): string }): AgendaSubject =>
  ({ number: r.number, title, amount: normalizeYuan(amount), unitId: r.unitId, unitName: r.unit.name, path: `/${path}/${r.id}` });

const SUBJECTS = {
  budget: (prisma: PrismaClient, ids: string[]) => prisma.budgetRequest.findMany({ where: { id: { in: ids } }, include: { unit: true } })
    .then((rows) => rows.map((r) => [r.id, line(r, 'budget-requests', r.purpose, r.amount)] as const)),
  loan: (prisma: PrismaClient, ids: string[]) => prisma.loan.findMany({ where: { id: { in: ids } }, include: { unit: true } })
    .then((rows) => rows.map((r) => [r.id, line(r, 'loans', r.purposeDetails, r.amount)] as const)),
  // a policy's figure is its yearly cost
  policy: (prisma: PrismaClient, ids: string[]) => prisma.policy.findMany({ where: { id: { in: ids } }, include: { unit: true } })
    .then((rows) => rows.map((r) => [r.id, line(r, 'policies', r.title, r.yearlyCost)] as const)),
};
export type AgendaSubjectType = keyof typeof SUBJECTS;
export const AGENDA_SUBJECT_TYPES = Object.keys(SUBJECTS) as AgendaSubjectType[];

/** The subjects of `items`, read once per chain, keyed by subject id. */
export async function loadAgendaSubjects(prisma: PrismaClient, items: { subjectType: string; subjectId: string }[]): Promise<Map<string, AgendaSubject>> {
  const found = new Map<string, AgendaSubject>();
  await Promise.all(AGENDA_SUBJECT_TYPES.map(async (type) => {
    const ids = items.filter((i) => i.subjectType === type).map((i) => i.subjectId);
    if (!ids.length) return;
    for (const [id, subject] of await SUBJECTS[type](prisma, ids)) found.set(id, subject);
  }));
  return found;
}
