import { Prisma, type PrismaClient } from '../../prisma/client';
import { directSql } from '../../prisma/direct-sql';
import { copiesJsonSql, type MailedCopy } from './step-mail-rows';
import { chainPositionLabel } from '../../domain';
import type { Mailer } from '../mail';
import type { ChainSubjects, LoadedSubject, SubjectFacts } from './subjects';

/** One copying (抄送) of a subject's step to some users: by the step's rule (no `copiedById`) or by an approver. */
export interface Copying {
  chain: string;
  subjectId: string;
  round: number;
  step: string;
  userIds: string[];
  copiedById?: string;
  comment?: string;
}

/**
 * Records who is copied (each user once per step and round) and the audit event; returns the users
 * newly copied. One statement on the pg pool, so its own transaction. Idempotent: a retried activity
 * or API call copies nobody twice, and the event names only those newly copied, in the order given.
 */
export async function recordCopies(prisma: PrismaClient, c: Copying): Promise<string[]> {
  const userIds = [...new Set(c.userIds)];
  if (!userIds.length) return [];
  const rows = userIds.map((userId) => Prisma.sql`(${crypto.randomUUID()}, ${c.chain}, ${c.subjectId}, ${c.round}::int, ${c.step}, ${userId}, ${c.copiedById ?? null}::text, ${c.comment ?? null}::text, now() AT TIME ZONE 'UTC')`);
  const keyPrefix = `${c.subjectId}:copied:r${c.round}:${c.step}:${c.copiedById ?? 'rule'}:`;
  const extra = JSON.stringify(c.comment ? { comment: c.comment } : {});
  const [{ users }] = await directSql<{ users: string[] }>(prisma, Prisma.sql`WITH copied AS (
      INSERT INTO "CopyRecipient" (id, "subjectType", "subjectId", round, step, "userId", "copiedById", comment, "createdAt")
      VALUES ${Prisma.join(rows)} ON CONFLICT ("subjectId", round, step, "userId") DO NOTHING RETURNING "userId"
    ), fresh AS (
      SELECT coalesce(array_agg("userId" ORDER BY array_position(${userIds}::text[], "userId")), '{}'::text[]) AS users FROM copied
    ), logged AS (
      SELECT audit_append(${keyPrefix} || array_to_string(users, ','), ${c.copiedById ?? null}::text, ${c.chain}, ${c.subjectId}, 'copied',
        jsonb_build_object('type', 'copied', 'round', ${c.round}::int, 'step', ${c.step}::text, 'users', to_jsonb(users)) || ${extra}::jsonb)
      FROM fresh WHERE cardinality(users) > 0
    )
    SELECT users, (SELECT count(*) FROM logged) AS logged FROM fresh`);
  return users;
}

/** The e-mail of a copy: what the subject is, at which step, who copied and why; a link to read it, no decision links. */
export function copyMail(o: { facts: SubjectFacts; step: { zh: string; en: string }; by?: string; comment?: string | null; publicUrl: string }) {
  return {
    subject: `【抄送】${o.facts.noun.zh} ${o.facts.number}：${o.step.zh} / Copied for information: ${o.step.en}`,
    text: [
      `${o.by ? `${o.by}将` : ''}此${o.facts.noun.zh}抄送给您知悉（${o.step.zh}），您无需办理。`,
      `This ${o.facts.noun.en} is copied to you for information (${o.step.en}); nothing for you to decide.`,
      ...(o.comment ? [`说明 / Note: ${o.comment}`] : []),
      '',
      ...o.facts.lines,
      '',
      `查看 / See it: ${o.publicUrl}${o.facts.path}`,
    ].join('\n'),
  };
}

/** Mails everyone copied on the subject who has not had the mail yet (keyed per copy, so a retry mails each once). */
export async function mailCopies(
  d: { prisma: PrismaClient; mailer: Mailer; publicUrl: string }, chain: ChainSubjects, c: { subjectId: string; round?: number; step?: string },
): Promise<number> {
  // On the pg pool, the recipients and copiers with the rows: one statement.
  const where = Prisma.sql`c."subjectId" = ${c.subjectId} ${c.round !== undefined ? Prisma.sql`AND c.round = ${c.round}` : Prisma.empty} ${c.step ? Prisma.sql`AND c.step = ${c.step}` : Prisma.empty}`;
  const [{ copies }] = await directSql<{ copies: MailedCopy[] }>(d.prisma, Prisma.sql`SELECT (${copiesJsonSql(where)}) AS copies`);
  return sendCopyMails(d, chain, c.subjectId, copies);
}

/** Sends the mails of copy rows already read (the subject is read only if there are any and the caller has not). */
export async function sendCopyMails(
  d: { prisma: PrismaClient; mailer: Mailer; publicUrl: string }, chain: ChainSubjects, subjectId: string, copies: MailedCopy[],
  /** the subject, when the caller has just read it */
  loaded?: LoadedSubject,
): Promise<number> {
  if (!copies.length) return 0;
  const subject = loaded ?? await chain.load(d.prisma, subjectId);
  for (const r of copies) {
    if (!r.to) continue;
    await d.mailer.send({ key: `copy:${r.id}`, to: r.to, ...copyMail({ facts: subject.facts, step: chainPositionLabel(chain.definition, r.step), by: r.by ?? undefined, comment: r.comment, publicUrl: d.publicUrl }) });
  }
  return copies.length;
}
