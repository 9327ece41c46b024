import type { ApiDeps, AuthedUser } from '../context';
import { budgetFlags, BudgetRequestContent, checkBudgetContent, hasRole } from '../../domain';
import { budgetWorkflowId } from '../../workflows/budget-messages';
import { AppError, forbidden, ruleRefusal } from '../errors';
import { writeAudit } from '../../activities/audit';
import { currentFiscalYear } from '../fiscal-years/current-year';

/**
 * Files a supplementary-budget request for the clerk's own unit and starts its workflow. The row
 * and the workflow come into being together: if the workflow cannot start, the row is removed.
 */
export async function submitBudgetRequest({ prisma, temporal, taskQueue, remindAfter }: ApiDeps, actor: AuthedUser, content: BudgetRequestContent) {
  if (!hasRole(actor, 'dept_clerk') || !actor.unitId) throw forbidden('只有预算单位经办人可以提交追加预算申请 / only a department clerk can file a request', 'wrong_role');
  const fiscalYear = await currentFiscalYear(prisma, 'R-B3');
  const violations = checkBudgetContent(content, fiscalYear);
  if (violations.length) throw ruleRefusal(violations);
  const unitId = actor.unitId;
  const id = crypto.randomUUID();
  const request = await prisma.$transaction(async (tx) => {
    const [{ seq }] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('budget_request_number_seq') AS seq`;
    const created = await tx.budgetRequest.create({
      data: {
        id, number: `ZJ-${fiscalYear}-${String(seq).padStart(6, '0')}`, unitId, fiscalYear,
        amount: content.amount, category: content.category, purpose: content.purpose, justification: content.justification,
        disbursementPlan: content.disbursementPlan ?? undefined, ...budgetFlags(content.category),
        status: 'in_review', step: 'finance_review', round: 1, createdById: actor.userId, workflowId: budgetWorkflowId(id),
        rounds: { create: { round: 1, content: content as object, submittedBy: actor.userId } },
      },
      include: { unit: true },
    });
    return created;
  });
  try {
    await temporal.workflow.start('budgetRequestWorkflow', {
      workflowId: request.workflowId, taskQueue, args: [{ requestId: id, unitId, remindAfter }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (err) {
    await prisma.budgetRequest.delete({ where: { id } });
    console.error('could not start the budget workflow', err);
    throw new AppError(503, 'workflow_unavailable', '审批流程服务暂不可用，申请未保存，请稍后重试 / the workflow service is unavailable; nothing was saved, please retry');
  }
  await writeAudit(prisma, {
    eventKey: `${id}:submitted`, actorId: actor.userId, subjectType: 'budget', subjectId: id,
    data: { type: 'request_submitted', round: 1, amount: content.amount, category: content.category },
  });
  return request;
}
