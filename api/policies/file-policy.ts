import type { ApiDeps, AuthedUser } from '../context';
import { fiscalYearAt, hasRole, normalizeYuan, PolicyFiling } from '../../domain';
import { forbidden } from '../errors';
import { writeAudit } from '../../activities/audit';
import { filingId, startChainWorkflow } from '../start-workflows';
import { ensureWorkflowStarted } from '../filing';
import { fileOnce, nextNumber } from '../file-once';

/** The workflow id of a policy's R-B9 chain. */
export const policyWorkflowId = (id: string) => `policy-${id}`;

export interface FilePolicyOptions {
  actor: AuthedUser;
  filing: PolicyFiling;
  /** the caller's Idempotency-Key: every retry with it names the same policy */
  idempotencyKey?: string;
}

/**
 * Files a major spending-increase policy (R-B9) for the clerk's own unit, which drafted it, exactly once
 * per `Idempotency-Key`: the row and its audit event are one transaction. It starts at the finance
 * bureau's affordability assessment.
 */
export async function filePolicy(deps: ApiDeps, { actor, filing, idempotencyKey }: FilePolicyOptions) {
  const { prisma } = deps;
  if (!hasRole(actor, 'dept_clerk') || !actor.unitId) throw forbidden('只有预算单位经办人可以报送重大增支政策 / only a department clerk can file a policy', 'wrong_role');
  const unitId = actor.unitId;
  const fiscalYear = fiscalYearAt(Date.now());
  const id = filingId('policy', actor.userId, idempotencyKey);
  const row = await fileOnce({
    prisma,
    find: () => prisma.policy.findUnique({ where: { id }, include: { unit: true } }),
    filed: (p) => ({ title: p.title, summary: p.summary, scope: p.scope, yearlyCost: normalizeYuan(p.yearlyCost) }),
    submitted: { title: filing.title, summary: filing.summary, scope: filing.scope, yearlyCost: filing.yearlyCost },
    create: async (tx) => {
      const number = await nextNumber(tx, 'policy_number_seq', 'ZC', fiscalYear);
      const created = await tx.policy.create({
        data: {
          id, number, unitId, fiscalYear, title: filing.title, summary: filing.summary, scope: filing.scope, yearlyCost: filing.yearlyCost,
          status: 'in_review', step: 'affordability_assessment', createdById: actor.userId, workflowId: policyWorkflowId(id),
        },
        include: { unit: true },
      });
      await writeAudit(tx, {
        eventKey: `${id}:filed`, actorId: actor.userId, subjectType: 'policy', subjectId: id,
        data: { type: 'policy_filed', number, title: filing.title, yearlyCost: filing.yearlyCost, fiscalYear },
      });
      return created;
    },
  });
  await ensureWorkflowStarted(row, () => startChainWorkflow(deps, 'policy', row));
  return row;
}
