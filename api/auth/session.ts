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

/** Loads the user of a bearer token onto `req.user`, or answers 401. */
export function requireAuth(prisma: PrismaClient): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) return next(unauthorized());
    // One statement (the user, with the live session as an EXISTS), not a session read then a user read.
    const u = await prisma.user.findFirst({ where: { sessions: { some: { tokenHash: hashToken(token), expiresAt: { gte: new Date() } } } } });
    if (!u) return next(unauthorized('登录已失效，请重新登录 / the session has expired'));
    req.user = { userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], unitId: u.unitId };
    next();
  };
}

/** The authenticated user; routes behind requireAuth always have one. */
export function actorOf(req: Request): AuthedUser {
  if (!req.user) throw unauthorized();
  return req.user;
}
