import { Prisma, type PrismaClient } from '../../prisma/client';
import { directSql } from '../../prisma/direct-sql';

/** "李四" or "李四（代 张三 / on behalf of 张三）": the decider, and whom they decided for. */
export const deciderText = (d: { actor: { displayName: string }; onBehalfOf?: { displayName: string } | null }): string =>
  d.onBehalfOf ? `${d.actor.displayName}（代 ${d.onBehalfOf.displayName} / on behalf of ${d.onBehalfOf.displayName}）` : d.actor.displayName;

/** The outcome mail's line naming who took the subject's last decision (both names when a substitute decided): one statement on the pg pool. */
export async function lastDeciderLine(prisma: PrismaClient, subjectId: string): Promise<string | undefined> {
  const [last] = await directSql<{ actor: string; onBehalfOf: string | null }>(prisma, Prisma.sql`
    SELECT a."displayName" AS actor, o."displayName" AS "onBehalfOf"
    FROM "Decision" d JOIN "User" a ON a.id = d."actorId" LEFT JOIN "User" o ON o.id = d."onBehalfOfId"
    WHERE d."subjectId" = ${subjectId} AND d.action NOT IN ('resubmit', 'withdraw') ORDER BY d."decidedAt" DESC LIMIT 1`);
  return last ? `审批人 / Decided by: ${deciderText({ actor: { displayName: last.actor }, onBehalfOf: last.onBehalfOf === null ? null : { displayName: last.onBehalfOf } })}` : undefined;
}
