import { createHash, randomBytes } from 'node:crypto';
import type { RequestHandler, Request } from 'express';
import type { PrismaClient } from '../../prisma/client';
import { Role } from '../../domain';
import { AuthedUser } from '../context';
import { unauthorized } from '../errors';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Creates a session and returns its bearer token; only the token's hash is stored. The user's
 * expired sessions go at the same time, so the table holds no more than each user's live ones.
 */
export async function createSession(prisma: PrismaClient, userId: string, ttlHours: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = new Date(now + ttlHours * 3600_000);
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { userId, expiresAt: { lte: new Date(now) } } }),
    prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } }),
  ]);
  return { token, expiresAt };
}

/** The request's bearer token, if it has one. */
export const bearerToken = (req: Request): string | undefined => /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];

interface SessionWithUser { expiresAt: Date; lastSeenAt: Date; id: string; username: string; displayName: string; roles: string[]; unitId: string | null }

/** The idle timeout when none is configured (SESSION_IDLE_MINUTES). */
export const DEFAULT_IDLE_MINUTES = 30;
/** lastSeenAt is written at most this often per session: enough precision for an idle timeout in minutes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Loads the user of a bearer token onto `req.user`, or answers 401: a session ends at its absolute
 * expiry (SESSION_TTL_HOURS) or after `idleMinutes` without a request, whichever comes first.
 */
export function requireAuth(prisma: PrismaClient, idleMinutes = DEFAULT_IDLE_MINUTES): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) return next(unauthorized());
    const tokenHash = hashToken(token);
    // Session and user in one statement: this runs before every authenticated request.
    const [session] = await prisma.$queryRaw<SessionWithUser[]>`
      SELECT s."expiresAt", s."lastSeenAt", u.id, u.username, u."displayName", u.roles, u."unitId"
      FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."tokenHash" = ${tokenHash}`;
    const now = Date.now();
    if (!session || session.expiresAt.getTime() <= now) return next(unauthorized('登录已失效，请重新登录 / the session has expired', 'session_expired'));
    if (session.lastSeenAt.getTime() + idleMinutes * 60_000 <= now) {
      await prisma.session.deleteMany({ where: { tokenHash } });
      return next(unauthorized(`超过 ${idleMinutes} 分钟未操作，登录已失效，请重新登录 / signed out after ${idleMinutes} minutes without activity`, 'session_idle'));
    }
    if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await prisma.session.updateMany({ where: { tokenHash, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: new Date(now) } });
    }
    req.user = { userId: session.id, username: session.username, displayName: session.displayName, roles: session.roles as Role[], unitId: session.unitId };
    next();
  };
}

/** The authenticated user; routes behind requireAuth always have one. */
export function actorOf(req: Request): AuthedUser {
  if (!req.user) throw unauthorized();
  return req.user;
}
