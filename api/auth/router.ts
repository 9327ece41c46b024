import { Router } from 'express';
import { z } from 'zod';
import { ROLES, Role } from '../../domain';
import type { ApiDeps } from '../context';
import { parse } from '../validate';
import { unauthorized } from '../errors';
import { actorOf, bearerToken, createSession, hashToken, requireAuth } from './session';
import { checkPassword } from './passwords';
import { loginThrottle } from './login-throttle';

export const ZPreferences = z.object({ mailEnglish: z.boolean({ error: '须为 true 或 false / must be true or false' }) });

export const ZLogin = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

/** Login (bearer token) and "who am I". */
export function authRouter({ prisma, sessionTtlHours, sessionIdleMinutes, loginLimits }: ApiDeps): Router {
  const router = Router();
  const throttle = loginThrottle(prisma, loginLimits);
  const signedIn = requireAuth(prisma, sessionIdleMinutes);
  router.post('/auth/login', async (req, res) => {
    const { username, password } = parse(ZLogin, req.body);
    const address = req.ip ?? 'unknown';
    await throttle.check(username, address);
    const user = await prisma.user.findUnique({ where: { username }, include: { unit: true } });
    if (!(await checkPassword(prisma, user, password)) || !user) {
      await throttle.failed(username, address);
      throw unauthorized('用户名或密码错误 / wrong username or password');
    }
    await throttle.succeeded(username);
    const { token, expiresAt } = await createSession(prisma, user.id, sessionTtlHours);
    res.json({ token, expiresAt, user: presentUser(user) });
  });
  // Ends this session on the server too: a copied token stops working at once.
  router.post('/auth/logout', signedIn, async (req, res) => {
    await prisma.session.deleteMany({ where: { tokenHash: hashToken(bearerToken(req)!) } });
    res.status(204).end();
  });
  router.get('/me', signedIn, async (req, res) => {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: actorOf(req).userId }, include: { unit: true } });
    res.json({ user: presentUser(user) });
  });

  // The signed-in user's own preferences: whether e-mails carry their English lines (Chinese always comes first).
  router.put('/me/preferences', requireAuth(prisma), async (req, res) => {
    const { mailEnglish } = parse(ZPreferences, req.body);
    const user = await prisma.user.update({ where: { id: actorOf(req).userId }, data: { mailEnglish }, include: { unit: true } });
    res.json({ user: presentUser(user) });
  });
  return router;
}

export function presentUser(u: { id: string; username: string; displayName: string; email: string; roles: string[]; unitId: string | null; unit?: { code: string; name: string } | null; mailEnglish?: boolean }) {
  return {
    id: u.id, username: u.username, displayName: u.displayName, email: u.email, unitId: u.unitId,
    preferences: { mailEnglish: u.mailEnglish ?? true },
    roles: u.roles.map((r) => ({ id: r, ...ROLES[r as Role] })),
    ...(u.unit ? { unit: { code: u.unit.code, name: u.unit.name } } : {}),
  };
}
