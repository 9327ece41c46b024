import type { PrismaClient } from '../../prisma/client';

/** "李四" or "李四（代 张三 / on behalf of 张三）": the decider, and whom they decided for. */
export const deciderText = (d: { actor: { displayName: string }; onBehalfOf?: { displayName: string } | null }): string =>
  d.onBehalfOf ? `${d.actor.displayName}（代 ${d.onBehalfOf.displayName} / on behalf of ${d.onBehalfOf.displayName}）` : d.actor.displayName;

/** The outcome mail's line naming who took the subject's last decision (both names when a substitute decided). */
export async function lastDeciderLine(prisma: PrismaClient, subjectId: string): Promise<string | undefined> {
  const last = await prisma.decision.findFirst({
    where: { subjectId, action: { notIn: ['resubmit', 'withdraw'] } }, orderBy: { decidedAt: 'desc' }, include: { actor: true, onBehalfOf: true },
  });
  return last ? `审批人 / Decided by: ${deciderText(last)}` : undefined;
}
