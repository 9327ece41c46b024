import { Prisma, type PrismaClient, type Tx } from '../../prisma/client';
import { directSql } from '../../prisma/direct-sql';
import { copiesJsonSql, type MailedCopy } from './step-mail-rows';
import { chainPositionLabel } from '../../domain';
import { writeAudit } from '../audit';
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
 * newly copied. Idempotent: a retried activity or API call copies nobody twice.
 */
export async function recordCopies(tx: Tx, c: Copying): Promise<string[]> {
  const where = { subjectId: c.subjectId, round: c.round, step: c.step };
  const already = new Set((await tx.copyRecipient.findMany({ where: { ...where, userId: { in: c.userIds } }, select: { userId: true } })).map((r) => r.userId));
  const fresh = [...new Set(c.userIds)].filter((id) => !already.has(id));
  if (!fresh.length) return [];
  await tx.copyRecipient.createMany({
    data: fresh.map((userId) => ({ id: crypto.randomUUID(), subjectType: c.chain, ...where, userId, copiedById: c.copiedById ?? null, comment: c.comment ?? null })),
    skipDuplicates: true,
  });
  await writeAudit(tx, {
    eventKey: `${c.subjectId}:copied:r${c.round}:${c.step}:${c.copiedById ?? 'rule'}:${fresh.join(',')}`, actorId: c.copiedById ?? null,
    subjectType: c.chain, subjectId: c.subjectId,
    data: { type: 'copied', round: c.round, step: c.step, users: fresh, ...(c.comment ? { comment: c.comment } : {}) },
  });
  return fresh;
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
