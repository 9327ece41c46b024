import { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { forbidden } from '../errors';
import { verifyCountyChain, verifySubjectChain } from '../../activities/audit-chain';
import { seesAllUnits } from '../budget-requests/visibility';
import { idOf, loadReadableSubject, SUBJECT_PATHS, type SubjectKind } from './readable-subject';

/** Verifies the tamper-evident audit chain of one request or loan, and (for the bureau and auditors) the county's. */
export function auditChainRouter({ prisma }: ApiDeps): Router {
  const router = Router();
  for (const kind of Object.keys(SUBJECT_PATHS) as SubjectKind[]) {
    router.get(`/${SUBJECT_PATHS[kind]}/:id/audit-chain`, async (req, res) => {
      const subject = await loadReadableSubject(prisma, kind, idOf(req), actorOf(req));
      res.json({ chain: await verifySubjectChain(prisma, kind, subject.id) });
    });
  }
  router.get('/audit-chain', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('只有财政局和审计人员可以校验全县审计链 / only the bureau and auditors may verify the county chain');
    res.json({ chain: await verifyCountyChain(prisma) });
  });
  return router;
}
