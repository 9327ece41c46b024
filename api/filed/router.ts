import { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { ZListFiled } from './schema';
import { listFiled } from './list-filed';

/** 我发起的: what the signed-in user filed (requests and loans), newest first, paged by the database. */
export function filedRouter({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/me/filed', async (req, res) => {
    res.json(await listFiled(prisma, actorOf(req).userId, parse(ZListFiled, req.query)));
  });
  return router;
}
