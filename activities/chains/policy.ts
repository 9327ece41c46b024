import type { Tx } from '../../prisma/client';
import { checkPolicyGoesInForce, POLICY_CHAIN_DEFINITION } from '../../domain';
import type { PrismaChainSubjects } from '../approval/subjects';
import type { ChainDecisionInput } from '../approval/contract';
import { ruleFailure } from '../loan-cap';
import { yuanText } from '../mail-format';
import { rowChain } from './row-chain';

/**
 * What the R-B9 chain adds to the engine: the policy row, and what each step records on it — the
 * affordability assessment's outcome (unaffordable ends it), the executive meeting's reference, and the
 * higher-level government's filing reference with which it goes in force.
 */
export function policySubjects(): PrismaChainSubjects {
  const assessed = (outcome: 'affordable' | 'unaffordable') => async (tx: Tx, i: ChainDecisionInput) => {
    await tx.policy.update({ where: { id: i.subjectId }, data: { assessmentOutcome: outcome, assessmentNote: i.decision.comment ?? null } });
  };
  return rowChain({
    definition: POLICY_CHAIN_DEFINITION,
    async find(db, id) {
      const p = await db.policy.findUniqueOrThrow({ where: { id }, include: { unit: true } });
      return {
        unitId: p.unitId, createdById: p.createdById, priority: 0, number: p.number, path: `/policies/${id}`,
        lines: [`政策名称 / Title: ${p.title}`, `起草单位 / Drafting unit: ${p.unit.name}`, `每年所需经费 / Yearly cost: ${yuanText(p.yearlyCost)}`],
      };
    },
    // In force is where a policy starts to live, not where it ends.
    update: (tx, id, { step, status, ended }) =>
      tx.policy.update({ where: { id }, data: { step, status, ...(ended && status !== 'in_force' ? { endedAt: new Date() } : {}) } }),
    effects: {
      assessed_affordable: assessed('affordable'),
      assessed_unaffordable: assessed('unaffordable'),
      async meeting_recorded(tx, i) {
        await tx.policy.update({ where: { id: i.subjectId }, data: { meetingReference: i.decision.meetingReference ?? null } });
      },
      async filed_in_force(tx, i) {
        const p = await tx.policy.findUniqueOrThrow({ where: { id: i.subjectId } });
        const violations = checkPolicyGoesInForce({ ...p, filingReference: i.decision.resolutionReference });
        if (violations.length) throw ruleFailure(violations);
        await tx.policy.update({ where: { id: i.subjectId }, data: { filingReference: i.decision.resolutionReference!, inForceAt: new Date() } });
      },
    },
  });
}
