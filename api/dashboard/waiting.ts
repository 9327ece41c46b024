import { Prisma, type PrismaClient } from '../../prisma/client';
import { takeUnitBrief, UNIT_BRIEF_COLUMNS, type UnitBrief, type UnitBriefColumns } from '../units/unit-brief';

const HOUR = 3_600_000;

/** Requests or loans: the table of the subject a task belongs to, and what makes a task its current one. */
export type WaitingKind = 'budget' | 'loan';

/** Which subjects count: a fiscal year, a clerk's unit, one step of the chain. */
export interface WaitingFilter { kind: WaitingKind; steps: readonly string[]; fiscalYear?: number; unitId?: string }

/**
 * The subjects waiting on someone now, from the subject's table alone: `waitingSince` is kept by
 * triggers (migration …_waiting_since) as the earliest opening of the open tasks of the step (and
 * round) the subject is at, while it is in review. Revision (a request back with the department) is
 * not an approval, so callers pass only approval steps. Served by the partial index on waiting rows
 * (`BudgetRequest_waiting_idx`, `Loan_waiting_idx`).
 */
function waitingSubjects(f: WaitingFilter): Prisma.Sql {
  return Prisma.sql`${subjectTable(f.kind)} s
    WHERE s."waitingSince" IS NOT NULL AND s.step = ANY(${[...f.steps]})
    ${f.fiscalYear === undefined ? Prisma.empty : Prisma.sql`AND s."fiscalYear" = ${f.fiscalYear}`}
    ${f.unitId === undefined ? Prisma.empty : Prisma.sql`AND s."unitId" = ${f.unitId}`}`;
}

const subjectTable = (kind: WaitingKind) => (kind === 'budget' ? Prisma.sql`"BudgetRequest"` : Prisma.sql`"Loan"`);

export interface WaitingStep { step: string; count: number; threeGuarantees: number; amount: string; oldestSince: Date | null; oldestNumber: string | null }

/** The statement behind `waitingByStep` (the bench EXPLAINs it). */
export function waitingByStepSql(f: WaitingFilter): Prisma.Sql {
  const threeGuarantees = f.kind === 'budget' ? Prisma.sql`s."threeGuarantees"` : Prisma.sql`false`;
  // The oldest one's number is looked up per step along the index's order (one row each), so the
  // counts need no sort of the waiting rows.
  return Prisma.sql`
    SELECT g.*, (SELECT s.number FROM ${waitingSubjects(f)} AND s.step = g.step ORDER BY s."waitingSince", s.id LIMIT 1) AS "oldestNumber"
    FROM (
      SELECT s.step, count(*)::int AS count, (count(*) FILTER (WHERE ${threeGuarantees}))::int AS "threeGuarantees",
             sum(s.amount)::text AS amount, min(s."waitingSince") AS "oldestSince"
      FROM ${waitingSubjects(f)}
      GROUP BY s.step
    ) g`;
}

/**
 * Per step: how many subjects wait, how many are 三保 (R-B5), their amount, and the oldest (since when
 * its tasks are open, and its number). One aggregate statement; nothing is loaded row by row.
 */
export async function waitingByStep(prisma: PrismaClient, f: WaitingFilter): Promise<Map<string, WaitingStep>> {
  const rows = await prisma.$queryRaw<WaitingStep[]>(waitingByStepSql(f));
  return new Map(rows.map((r) => [r.step, r]));
}

/** The earliest `oldestSince` of all steps. */
export const oldestWaiting = (steps: Map<string, WaitingStep>): Date | null =>
  [...steps.values()].reduce<Date | null>((min, w) => (w.oldestSince && (!min || w.oldestSince < min) ? w.oldestSince : min), null);

/** The page of waiting subjects behind `waitingSubjectsPage` (the bench EXPLAINs it): ids, since when, total, on whom. */
export function waitingPageSql(f: WaitingFilter, page: { limit?: number; offset: number }): Prisma.Sql {
  // Who has not acted yet: the open tasks of the subject's current step (and round), by opening.
  const sameStep = f.kind === 'budget' ? Prisma.sql`AND t.round = p.round` : Prisma.empty;
  return Prisma.sql`
    WITH page AS (
      SELECT s.id, s."waitingSince" AS since, s.step, ${f.kind === 'budget' ? Prisma.sql`s.round` : Prisma.sql`1`} AS round
      FROM ${waitingSubjects(f)}
      ORDER BY s."waitingSince", s.id
      ${page.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${page.limit}`} OFFSET ${page.offset}
    )
    SELECT p.id, p.since, (SELECT count(*) FROM ${waitingSubjects(f)})::int AS total,
      (SELECT array_agg(u."displayName" ORDER BY t."openedAt", t.id)
         FROM "Task" t JOIN "User" u ON u.id = t."assigneeId"
         WHERE t."subjectId" = p.id AND t."subjectType" = ${f.kind} AND t.status = 'open' AND t.step = p.step ${sameStep}) AS "waitingOn"
    FROM page p ORDER BY p.since, p.id`;
}

export interface WaitingSubjectsPage<S> { total: number; rows: { since: Date; waitingOn: string[]; subject: S }[] }

/**
 * One page of the waiting subjects, oldest first, with who has not acted yet (in the order their
 * tasks opened), each with its row and its unit (UNIT_BRIEF's columns), in one statement: the lists
 * present a hundred per read, and one raw statement costs the API a fraction of the CPU of the page
 * followed by a Prisma read of its rows.
 */
export async function waitingSubjectsPage<S>(prisma: PrismaClient, f: WaitingFilter, page: { limit?: number; offset: number }): Promise<WaitingSubjectsPage<S & { unit: UnitBrief }>> {
  type Row = Record<string, unknown> & UnitBriefColumns & { since: Date; total: number; waitingOn: string[] | null };
  const rows = await prisma.$queryRaw<Row[]>`
    WITH w AS (${waitingPageSql(f, page)})
    SELECT s.*, w.since, w.total, w."waitingOn", ${UNIT_BRIEF_COLUMNS}
    FROM w JOIN ${subjectTable(f.kind)} s ON s.id = w.id JOIN "Unit" u ON u.id = s."unitId"
    ORDER BY w.since, w.id`;
  const total = rows[0]?.total ?? (page.offset > 0 ? sumCounts(await waitingByStep(prisma, f)) : 0);
  return {
    total,
    rows: rows.map(({ since, total: _total, waitingOn, ...subject }) => ({
      since, waitingOn: waitingOn ?? [], subject: takeUnitBrief(subject) as unknown as S & { unit: UnitBrief },
    })),
  };
}

const sumCounts = (steps: Map<string, WaitingStep>) => [...steps.values()].reduce((n, s) => n + s.count, 0);

/** A waiting subject as the lists show it: presented, since when it waits, its age in hours and on whom. */
export function waitingRow<R>(presented: R, w: { since: Date; waitingOn: string[] }, now: Date) {
  return { ...presented, waitingSince: w.since, ageHours: ageHours(w.since, now), waitingOn: w.waitingOn };
}

/** Whole hours since `since`. */
export const ageHours = (since: Date, now: Date): number => Math.floor((now.getTime() - since.getTime()) / HOUR);
