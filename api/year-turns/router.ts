import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden, notFound } from '../errors';
import { hasRole } from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { withWorkflowDeadline } from '../workflow-calls';
import { decideYearTurnUpdate, yearTurnWorkflowId } from '../../workflows/year-turn';

const ZYear = z.object({ fromYear: z.coerce.number().int().min(2000).max(2100) });
const ZDecideYearTurn = z.object({
  decisions: z.array(z.object({ requestId: z.string().min(1), action: z.enum(['carry', 'lapse']) })).max(10_000),
});

/**
 * R-B11 year turn: the Schedule opens it at 00:05 on 1 January China time; the finance director may
 * open it by hand too (for operations and tests), reads the list, and decides every request at once.
 */
export function yearTurnsRouter({ prisma, temporal, taskQueue }: ApiDeps): Router {
  const router = Router();
  const assertDirector = (actor: ReturnType<typeof actorOf>) => {
    if (!hasRole(actor, 'finance_director')) throw forbidden('年度结转由财政局局长决定 / only the finance director decides the year turn', 'wrong_role');
  };

  router.get('/year-turns/:fromYear', async (req, res) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('年度结转仅供财政局、县领导及审计查看 / the year turn is for the bureau, leaders and auditors', 'wrong_role');
    const { fromYear } = parse(ZYear, req.params);
    const turn = await prisma.yearTurn.findUnique({ where: { fromYear } });
    if (!turn) throw notFound(`${fromYear} 年度结转 / the year turn of ${fromYear}`);
    res.json({ yearTurn: turn });
  });

  router.post('/year-turns/:fromYear/start', async (req, res) => {
    assertDirector(actorOf(req));
    const { fromYear } = parse(ZYear, req.params);
    const handle = await withWorkflowDeadline(temporal, () => temporal.workflow.start('yearTurnWorkflow', {
      workflowId: yearTurnWorkflowId(fromYear), taskQueue, args: [{ fromYear }], workflowIdConflictPolicy: 'USE_EXISTING',
    }));
    res.status(202).json({ workflowId: handle.workflowId });
  });

  router.post('/year-turns/:fromYear/decision', async (req, res) => {
    const actor = actorOf(req);
    assertDirector(actor);
    const { fromYear } = parse(ZYear, req.params);
    const { decisions } = parse(ZDecideYearTurn, req.body);
    const outcome = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(yearTurnWorkflowId(fromYear)).executeUpdate(decideYearTurnUpdate, { args: [{ actor, decisions }] }));
    res.json({ outcome, yearTurn: await prisma.yearTurn.findUnique({ where: { fromYear } }) });
  });

  return router;
}
