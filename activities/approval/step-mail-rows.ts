import { Prisma, type PrismaClient } from '../../prisma/client';
import { directSql } from '../../prisma/direct-sql';
import type { TaskRecipient } from './absences';

type Person = TaskRecipient['to'];

/** An open task of a step, as its e-mail needs it: the assignee and whoever the mail goes to now. */
export interface MailedTask {
  id: string;
  round: number;
  openedAt: Date;
  assigneeId: string;
  recipient: TaskRecipient;
}

/** A copy (抄送) of a step, as its e-mail needs it: the recipient's address (none if the user is gone) and who copied. */
export interface MailedCopy {
  id: string;
  step: string;
  to: string | null;
  by: string | null;
  comment: string | null;
}

/** Timestamps (stored as UTC without a zone) as JSON text a Date reads exactly. */
const utcText = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The copies part of a statement: the copy rows of `where`, oldest first, each with its recipient and copier. */
export function copiesJsonSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT coalesce(json_agg(json_build_object('id', c.id, 'step', c.step, 'to', r.email, 'by', b."displayName", 'comment', c.comment)
      ORDER BY c."createdAt", c.id), '[]'::json)
    FROM "CopyRecipient" c LEFT JOIN "User" r ON r.id = c."userId" LEFT JOIN "User" b ON b.id = c."copiedById" WHERE ${where}`;
}

/**
 * A step's open tasks with who each mail goes to, and (with `withCopies`) the step's copies, in one
 * statement: every step's mail asks for them. The recipient is whoever holds the task by hand-over
 * (转交), else the assignee's substitute while an absence runs at `at` (代理; of overlapping
 * absences the one that started last), else the assignee.
 */
export async function stepMailRows(
  prisma: PrismaClient, s: { subjectId: string; round: number; step: string }, withCopies: boolean, at = new Date(),
): Promise<{ tasks: MailedTask[]; copies: MailedCopy[] }> {
  const now = Prisma.sql`${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
  const person = (alias: string) => Prisma.raw(`json_build_object('id', ${alias}.id, 'email', ${alias}.email, 'displayName', ${alias}."displayName")`);
  const [row] = await directSql<{ tasks: RawTask[]; copies: MailedCopy[] }>(prisma, Prisma.sql`SELECT
    (SELECT coalesce(json_agg(json_build_object(
        'id', t.id, 'round', t.round, 'openedAt', ${utcText(Prisma.sql`t."openedAt"`)}, 'assignee', ${person('u')},
        'delegate', CASE WHEN d.id IS NOT NULL THEN ${person('d')} END,
        'substitute', CASE WHEN s.id IS NOT NULL THEN ${person('s')} END, 'until', ${utcText(Prisma.sql`s."endsAt"`)}
      ) ORDER BY t."openedAt", t.id), '[]'::json)
      FROM "Task" t JOIN "User" u ON u.id = t."assigneeId"
      LEFT JOIN "User" d ON d.id = t."delegateId"
      LEFT JOIN LATERAL (
        SELECT su.id, su.email, su."displayName", a."endsAt" FROM "Absence" a JOIN "User" su ON su.id = a."substituteId"
        WHERE t."delegateId" IS NULL AND a."userId" = t."assigneeId" AND a."cancelledAt" IS NULL AND a."startsAt" <= ${now} AND a."endsAt" > ${now}
        ORDER BY a."startsAt" DESC LIMIT 1
      ) s ON true
      WHERE t."subjectId" = ${s.subjectId} AND t.round = ${s.round} AND t.step = ${s.step} AND t.status = 'open') AS tasks,
    ${withCopies ? Prisma.sql`(${copiesJsonSql(Prisma.sql`c."subjectId" = ${s.subjectId} AND c.round = ${s.round} AND c.step = ${s.step}`)})` : Prisma.sql`'[]'::json`} AS copies`);
  return { tasks: row.tasks.map(mailedTask), copies: row.copies };
}

interface RawTask { id: string; round: number; openedAt: string; assignee: Person; delegate: Person | null; substitute: Person | null; until: string | null }

function mailedTask(t: RawTask): MailedTask {
  const recipient: TaskRecipient = t.delegate
    ? { to: t.delegate, onBehalfOf: { name: t.assignee.displayName, why: 'hand_over' } }
    : t.substitute
      ? { to: t.substitute, onBehalfOf: { name: t.assignee.displayName, why: 'absence', until: new Date(t.until!) } }
      : { to: t.assignee };
  return { id: t.id, round: t.round, openedAt: new Date(t.openedAt), assigneeId: t.assignee.id, recipient };
}
