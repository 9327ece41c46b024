import type { PrismaClient } from '../../prisma/client';
import { AbsenceInput, checkAbsence, chinaDateTime, parseChinaLocalTime } from '../../domain';
import { writeAudit } from '../../activities/audit';
import type { AuthedUser } from '../context';
import { AppError, conflict, notFound } from '../errors';

const fieldError = (problems: { field: string; message: string }[]) =>
  new AppError(422, 'invalid_absence', `代理设置有误 / the absence cannot be set: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { fields: problems, field: problems[0].field });

/** An absence as the API answers it: the period in China time too. */
export const presentAbsence = (a: { id: string; userId: string; substituteId: string; startsAt: Date; endsAt: Date; reason: string | null; cancelledAt: Date | null; user?: { displayName: string }; substitute?: { displayName: string } }, now = new Date()) => ({
  id: a.id, userId: a.userId, userName: a.user?.displayName, substituteId: a.substituteId, substituteName: a.substitute?.displayName,
  startsAt: a.startsAt, endsAt: a.endsAt, startsAtChina: chinaDateTime(a.startsAt.getTime()), endsAtChina: chinaDateTime(a.endsAt.getTime()),
  reason: a.reason, cancelledAt: a.cancelledAt,
  status: a.cancelledAt || a.endsAt <= now ? 'ended' as const : a.startsAt <= now ? 'running' as const : 'planned' as const,
});

/**
 * Sets an absence (代理) of the signed-in user: the substitute must hold every role of theirs that
 * decides something; one absence at a time (a period overlapping another is a 409). While it runs,
 * their tasks show in the substitute's inbox and their task e-mails go to the substitute.
 */
export async function setAbsence(prisma: PrismaClient, actor: AuthedUser, input: AbsenceInput, now = new Date()) {
  const startsAt = parseChinaLocalTime(input.startsAt)!;
  const endsAt = parseChinaLocalTime(input.endsAt, true)!;
  const substitute = await prisma.user.findUnique({ where: { id: input.substituteId } });
  if (!substitute) throw fieldError([{ field: 'substituteId', message: '代理人不存在 / no such user' }]);
  const problems = checkAbsence({ userId: actor.userId, roles: actor.roles }, { userId: substitute.id, roles: substitute.roles }, { startsAt, endsAt }, now.getTime());
  if (problems.length) throw fieldError(problems);
  const id = crypto.randomUUID();
  return prisma.$transaction(async (tx) => {
    // Serialises one user's absences, so two overlapping ones set at once cannot both be stored.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`absence:${actor.userId}`}::text, 0))`;
    const overlapping = await tx.absence.findFirst({ where: { userId: actor.userId, cancelledAt: null, startsAt: { lt: new Date(endsAt) }, endsAt: { gt: new Date(startsAt) } } });
    if (overlapping) {
      throw conflict('absence_overlaps', `与已设置的代理期重叠（${chinaDateTime(overlapping.startsAt.getTime())} 至 ${chinaDateTime(overlapping.endsAt.getTime())} 北京时间），请先结束它 / it overlaps an absence already set; end that one first`);
    }
    const absence = await tx.absence.create({
      data: { id, userId: actor.userId, substituteId: substitute.id, startsAt: new Date(startsAt), endsAt: new Date(endsAt), reason: input.reason ?? null },
      include: { user: true, substitute: true },
    });
    await writeAudit(tx, {
      eventKey: `absence:${id}:set`, actorId: actor.userId, subjectType: 'user', subjectId: actor.userId,
      data: { type: 'absence_set', absenceId: id, substitute: substitute.id, substituteName: substitute.displayName, startsAt: absence.startsAt.toISOString(), endsAt: absence.endsAt.toISOString(), ...(input.reason ? { reason: input.reason } : {}) },
    });
    return presentAbsence(absence, now);
  });
}

/** Ends one of the user's absences now (or cancels one not started yet); ending it again changes nothing. */
export async function endAbsence(prisma: PrismaClient, actor: AuthedUser, id: string, now = new Date()) {
  const absence = await prisma.absence.findUnique({ where: { id }, include: { user: true, substitute: true } });
  if (!absence || absence.userId !== actor.userId) throw notFound('代理设置 / absence');
  if (absence.cancelledAt || absence.endsAt <= now) return presentAbsence(absence, now);
  return prisma.$transaction(async (tx) => {
    const ended = await tx.absence.update({ where: { id }, data: { cancelledAt: now }, include: { user: true, substitute: true } });
    await writeAudit(tx, { eventKey: `absence:${id}:ended`, actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, data: { type: 'absence_ended', absenceId: id } });
    return presentAbsence(ended, now);
  });
}
