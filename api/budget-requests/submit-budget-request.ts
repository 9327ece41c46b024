import type { ApiDeps, AuthedUser } from '../context';
import { budgetFlags, BudgetRequestContent, checkBudgetContent, hasRole } from '../../domain';
import { budgetWorkflowId } from '../../workflows/budget-messages';
import { forbidden, ruleRefusal } from '../errors';
import { writeAudit } from '../../activities/audit';
import { filingId, isUniqueViolation, startBudgetWorkflow } from '../start-workflows';
import { assertSameFiling, workflowNotStarted } from '../filing';
import { currentFiscalYear } from '../fiscal-years/current-year';
import { checkImplementedPolicy } from '../policies/implemented-policy';

/**
 * Files a supplementary-budget request for the clerk's own unit and starts its workflow, exactly once
 * per `Idempotency-Key`: the row, its first round and its audit event are one transaction under an id
 * derived from the key, so a retry finds that row, starts its workflow if the first attempt could not,
 * and answers with it. (A retry that reaches this far uses up a number of the sequence, as any
 * rolled-back filing does: numbers are unique, not gapless.)
 */
export async function submitBudgetRequest(deps: ApiDeps, actor: AuthedUser, content: BudgetRequestContent, idempotencyKey?: string) {
  const { prisma } = deps;
  if (!hasRole(actor, 'dept_clerk') || !actor.unitId) throw forbidden('只有预算单位经办人可以提交追加预算申请 / only a department clerk can file a request', 'wrong_role');
  const fiscalYear = await currentFiscalYear(prisma, 'R-B3');
  const violations = [...checkBudgetContent(content, fiscalYear), ...await checkImplementedPolicy(prisma, content.policyId)];
  if (violations.length) throw ruleRefusal(violations);
  const unitId = actor.unitId;
  const id = filingId('budget', actor.userId, idempotencyKey);
  const create = () => prisma.$transaction(async (tx) => {
    const [{ seq }] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('budget_request_number_seq') AS seq`;
    const created = await tx.budgetRequest.create({
      data: {
        id, number: `ZJ-${fiscalYear}-${String(seq).padStart(6, '0')}`, unitId, fiscalYear,
        amount: content.amount, category: content.category, purpose: content.purpose, justification: content.justification,
        disbursementPlan: content.disbursementPlan ?? undefined, policyId: content.policyId ?? null, ...budgetFlags(content.category),
        status: 'in_review', step: 'finance_review', round: 1, createdById: actor.userId, workflowId: budgetWorkflowId(id),
        rounds: { create: { round: 1, content: content as object, submittedBy: actor.userId } },
      },
      include: { unit: true },
    });
    await writeAudit(tx, {
      eventKey: `${id}:submitted`, actorId: actor.userId, subjectType: 'budget', subjectId: id,
      data: { type: 'request_submitted', round: 1, amount: content.amount, category: content.category },
    });
    return created;
  });
  const find = () => prisma.budgetRequest.findUnique({ where: { id }, include: { unit: true, rounds: { where: { round: 1 } } } });
  // Insert first: a first attempt (nearly every call) needs no read; a retry's insert meets the row
  // its id names (unique violation, nothing written) and reads that instead.
  let request;
  try {
    request = { ...(await create()), rounds: [] };
  } catch (err) {
    if (!isUniqueViolation(err) || !(request = await find())) throw err;
    assertSameFiling(request.rounds[0]?.content, content);
  }
  if (!request.workflowStartedAt) {
    try {
      await startBudgetWorkflow(deps, request);
    } catch (err) {
      throw workflowNotStarted(err, request.number);
    }
  }
  const { rounds: _rounds, ...row } = request;
  return row;
}
