import type { PrismaClient } from '../prisma/client';
import { chinaDateTime, DutySettings, RULES, type WorkingDayCalendar } from '../domain';
import { writeAudit, AuditEntry } from './audit';
import type { Mailer } from './mail';

/** What every duty's activities need: the database, the mailer, links, the county's duty settings and the working-day calendar they count in (default: the shipped one). */
export interface DutyDeps { prisma: PrismaClient; mailer: Mailer; publicUrl: string; duties: DutySettings; workingDayCalendar?: WorkingDayCalendar }

/** Users holding any of `roles`, in a stable order. */
export const usersWithRoles = (prisma: PrismaClient, roles: string[]) =>
  prisma.user.findMany({ where: { roles: { hasSome: roles } }, orderBy: { username: 'asc' } });

/** The officer who answers for the duties: the configured username, else the first finance reviewer. */
export async function responsibleOfficer(prisma: PrismaClient, s: DutySettings) {
  const named = s.responsibleOfficer ? await prisma.user.findUnique({ where: { username: s.responsibleOfficer } }) : null;
  if (named) return named;
  const [first] = await usersWithRoles(prisma, ['finance_reviewer']);
  if (!first) throw new Error('no finance reviewer to answer for the duties');
  return first;
}

/** The escalation ladder of a late duty: the finance director first, then the principal leaders. */
export const ESCALATION_ROLES: Record<1 | 2, string[]> = { 1: ['finance_director'], 2: ['leader_principal'] };

/**
 * R-M4: a duty not done by its deadline is recorded for heavier accountability (从重问责), once,
 * with the audit event beside it; a retried activity writes nothing twice.
 */
export async function recordLateDuty(prisma: PrismaClient, o: { subjectType: 'report' | 'transfer' | 'risk_event'; subjectId: string; dueAt: Date; reason: string }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.accountabilityRecord.createMany({
      data: [{ id: crypto.randomUUID(), subjectType: o.subjectType, subjectId: o.subjectId, ruleId: 'R-M4', heavier: true, reason: o.reason, dueAt: o.dueAt }],
      skipDuplicates: true,
    });
    const entry: AuditEntry = {
      eventKey: `${o.subjectType}:${o.subjectId}:late`, subjectType: o.subjectType, subjectId: o.subjectId,
      data: { type: 'duty_late', ruleId: 'R-M4', duty: o.reason, dueAt: o.dueAt.toISOString(), heavier: true },
    };
    await writeAudit(tx, entry);
  });
}

/** Mails a late duty's escalation to the users of its level, once per user and level. */
export async function mailEscalation(d: DutyDeps, o: { key: string; level: 1 | 2; what: string; dueAt: Date; link: string }): Promise<string[]> {
  const people = await usersWithRoles(d.prisma, ESCALATION_ROLES[o.level]);
  for (const u of people) {
    await d.mailer.send({
      key: `${o.key}:escalate:${o.level}:${u.id}`, to: u.email,
      subject: `逾期未报：${o.what}（R-M4 从重问责） / Overdue duty: ${o.what}`,
      text: [
        `R-M4「${RULES['R-M4'].zh}」`, '',
        `${o.what} 应于 ${chinaDateTime(o.dueAt.getTime())} 前完成，至今未完成，已记入问责记录（从重问责）。`,
        `It was due by ${chinaDateTime(o.dueAt.getTime())} (China time) and is not done; a heavier-accountability record has been written.`,
        '', `${d.publicUrl}${o.link}`,
      ].join('\n'),
    });
  }
  return people.map((u) => u.id);
}
