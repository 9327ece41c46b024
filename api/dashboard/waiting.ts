import { Prisma, type PrismaClient } from '../../prisma/client';

const HOUR = 3_600_000;

/** Requests or loans: the table of the subject a task belongs to, and what makes a task its current one. */
export type WaitingKind = 'budget' | 'loan';

/** Which subjects count: a fiscal year, a clerk's unit, one step of the chain. */
export interface WaitingFilter { kind: WaitingKind; steps: readonly string[]; fiscalYear?: number; unitId?: string }

/**
 * The open tasks of the step each subject is at now, joined to the subject. A task of an earlier round
 * or a step the subject has passed is not what it waits for. Revision (a request back with the
 * department) is not an approval, so callers pass only approval steps. Served by the partial index on
 * open tasks (`Task_open_subject_step_idx`) and the subjects' primary keys.
 */
function waitingTasks(f: WaitingFilter): Prisma.Sql {
  // The status is implied by the step; saying it lets PostgreSQL read only the waiting subjects by index.
  const subject = f.kind === 'budget'
    ? Prisma.sql`"BudgetRequest" s ON s.id = t."subjectId" AND s.step = t.step AND s.round = t.round AND s.status = 'in_review'`
    : Prisma.sql`"Loan" s ON s.id = t."subjectId" AND s.step = t.step AND s.status IN ('in_review', 'approved')`;
  return Prisma.sql`"Task" t JOIN ${subject}
    WHERE t.status = 'open' AND t."subjectType" = ${f.kind} AND t.step = ANY(${[...f.steps]})
    ${f.fiscalYear === undefined ? Prisma.empty : Prisma.sql`AND s."fiscalYear" = ${f.fiscalYear}`}
    ${f.unitId === undefined ? Prisma.empty : Prisma.sql`AND s."unitId" = ${f.unitId}`}`;
}

export interface WaitingStep { step: string; count: number; threeGuarantees: number; amount: string; oldestSince: Date | null; oldestNumber: string | null }

/** The statement behind `waitingByStep` (the bench EXPLAINs it). */
export function waitingByStepSql(f: WaitingFilter): Prisma.Sql {
  const threeGuarantees = f.kind === 'budget' ? Prisma.sql`s."threeGuarantees"` : Prisma.sql`false`;
  return Prisma.sql`
    WITH w AS (
      SELECT s.id, s.step, s.number, ${threeGuarantees} AS tg, s.amount, min(t."openedAt") AS since
      FROM ${waitingTasks(f)}
      GROUP BY s.id
    )
    SELECT step, count(*)::int AS count, (count(*) FILTER (WHERE tg))::int AS "threeGuarantees", sum(amount)::text AS amount,
           min(since) AS "oldestSince", (array_agg(number ORDER BY since, id))[1] AS "oldestNumber"
    FROM w GROUP BY step`;
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

export interface WaitingPage { total: number; rows: { id: string; since: Date; waitingOn: string[] }[] }

/** The statement behind `waitingPage` (the bench EXPLAINs it). */
export function waitingPageSql(f: WaitingFilter, page: { limit?: number; offset: number }): Prisma.Sql {
  return Prisma.sql`
    WITH w AS (
      SELECT t."subjectId" AS id, min(t."openedAt") AS since
      FROM ${waitingTasks(f)}
      GROUP BY t."subjectId"
    ), page AS (
      SELECT id, since, count(*) OVER () AS total FROM w ORDER BY since, id
      ${page.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${page.limit}`} OFFSET ${page.offset}
    )
    SELECT p.id, p.since, p.total::int AS total,
      (SELECT array_agg((SELECT u."displayName" FROM "User" u WHERE u.id = t."assigneeId") ORDER BY t."openedAt", t.id)
         FROM ${waitingTasks({ ...f, fiscalYear: undefined, unitId: undefined })} AND t."subjectId" = p.id) AS "waitingOn"
    FROM page p ORDER BY p.since, p.id`;
}

/** One page of the waiting subjects, oldest first, with who has not acted yet (in the order their tasks opened). */
export async function waitingPage(prisma: PrismaClient, f: WaitingFilter, page: { limit?: number; offset: number }): Promise<WaitingPage> {
  const rows = await prisma.$queryRaw<{ id: string; since: Date; total: number; waitingOn: string[] }[]>(waitingPageSql(f, page));
  const total = rows[0]?.total ?? (page.offset > 0 ? sumCounts(await waitingByStep(prisma, f)) : 0);
  return { total, rows: rows.map(({ id, since, waitingOn }) => ({ id, since, waitingOn: waitingOn ?? [] })) };
}

const sumCounts = (steps: Map<string, WaitingStep>) => [...steps.values()].reduce((n, s) => n + s.count, 0);

/** A waiting subject as the lists show it: presented, since when it waits, its age in hours and on whom. */
export function waitingRow<R>(presented: R, w: { since: Date; waitingOn: string[] }, now: Date) {
  return { ...presented, waitingSince: w.since, ageHours: ageHours(w.since, now), waitingOn: w.waitingOn };
}

/** Whole hours since `since`. */
export const ageHours = (since: Date, now: Date): number => Math.floor((now.getTime() - since.getTime()) / HOUR);
