import type { BudgetRequest, PrismaClient } from '../../prisma/client';
import { takeUnitBrief, UNIT_BRIEF_COLUMNS, type UnitBrief, type UnitBriefColumns } from '../units/unit-brief';
import { budgetFlags, type BudgetRequestContent } from '../../domain';
import { auditSql } from '../../activities/audit';
import { budgetWorkflowId } from '../../workflows/budget-messages';

/** A filed request as the answer presents it: its row and its unit. */
export type FiledBudgetRequest = BudgetRequest & { unit: UnitBrief };

/**
 * Files a request in one statement, so in one round trip and one implicit transaction: the row (its
 * number from the sequence), its first round and its audit event, answered with its unit. Filing is
 * the clerk's wait, and seven statements (BEGIN to COMMIT) cost more than the work in them. A second
 * attempt under the same id fails on the primary key and writes nothing.
 */
export async function insertBudgetFiling(prisma: PrismaClient, f: { id: string; fiscalYear: number; unitId: string; actorId: string; content: BudgetRequestContent }): Promise<FiledBudgetRequest> {
  const { id, fiscalYear, unitId, actorId, content } = f;
  const { threeGuarantees, generalPurpose } = budgetFlags(content.category);
  const plan = content.disbursementPlan == null ? null : JSON.stringify(content.disbursementPlan);
  const audit = auditSql({
    eventKey: `${id}:submitted`, actorId, subjectType: 'budget', subjectId: id,
    data: { type: 'request_submitted', round: 1, amount: content.amount, category: content.category },
  });
  const [row] = await prisma.$queryRaw<(BudgetRequest & UnitBriefColumns)[]>`
    WITH request AS (
      INSERT INTO "BudgetRequest" (id, number, "unitId", "fiscalYear", amount, category, purpose, justification, "disbursementPlan", "policyId",
        "threeGuarantees", "generalPurpose", status, step, round, "createdById", "workflowId", "createdAt", "updatedAt")
      SELECT ${id}, ${`ZJ-${fiscalYear}-`} || lpad(s.seq::text, greatest(6, length(s.seq::text)), '0'), ${unitId}, ${fiscalYear}::int, ${content.amount}::numeric,
        ${content.category}, ${content.purpose}, ${content.justification}, ${plan}::jsonb, ${content.policyId ?? null}::text,
        ${threeGuarantees}, ${generalPurpose}, 'in_review', 'finance_review', 1, ${actorId}, ${budgetWorkflowId(id)},
        now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM (SELECT nextval('budget_request_number_seq') AS seq) s
      RETURNING *
    ), first_round AS (
      INSERT INTO "BudgetRound" ("requestId", round, content, "submittedBy", "submittedAt")
      SELECT id, 1, ${JSON.stringify(content)}::jsonb, ${actorId}, now() AT TIME ZONE 'UTC' FROM request
    ), audited AS (${audit})
    SELECT r.*, ${UNIT_BRIEF_COLUMNS}
    FROM request r JOIN "Unit" u ON u.id = r."unitId" CROSS JOIN audited`;
  return takeUnitBrief(row);
}
