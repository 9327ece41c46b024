import { Router } from 'express';
import type { ApiDeps } from '../context';

/** Budget units, for forms and filters. */
export function unitsRouter({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/units', async (_req, res) => {
    const units = await prisma.unit.findMany({ orderBy: { code: 'asc' } });
    res.json({ items: units.map((u) => ({ id: u.id, code: u.code, name: u.name, nameEn: u.nameEn, level: u.level, kind: u.kind })) });
  });
  return router;
}
