import type { PrismaClient } from '../../prisma/client';
import { checkPolicyForBudget, Violation } from '../../domain';

/** R-B9 for a budget request naming the policy it implements: none named, nothing to check. */
export async function checkImplementedPolicy(prisma: Pick<PrismaClient, 'policy'>, policyId: string | undefined): Promise<Violation[]> {
  if (policyId === undefined) return [];
  const policy = await prisma.policy.findUnique({ where: { id: policyId }, select: { number: true, title: true, status: true, step: true } });
  return checkPolicyForBudget(policy);
}
