import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { parse } from '../validate';
import { ZRole } from '../../domain';

export const ZListUsers = z.object({
  /** only users holding this role, e.g. treasury_officer for the responsible lending officer (R-L7) */
  role: ZRole.optional(),
});

/** Colleagues by role, for pickers: id and display name only (no e-mail, unit or roles) for any signed-in user. */
export function usersRouter({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/users', async (req, res) => {
    const { role } = parse(ZListUsers, req.query);
    const users = await prisma.user.findMany({
      where: role ? { roles: { has: role } } : {}, select: { id: true, displayName: true }, orderBy: { displayName: 'asc' },
    });
    res.json({ items: users });
  });
  return router;
}
