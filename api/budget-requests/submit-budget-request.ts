import type { ApiDeps, AuthedUser } from '../context';
import { BudgetRequestContent, checkBudgetContent, hasRole } from '../../domain';
import { forbidden, ruleRefusal } from '../errors';
import { insertBudgetFiling, type FiledBudgetRequest } from './insert-filing';
import { filingId, isUniqueViolation, startBudgetWorkflow } from '../start-workflows';
import { assertSameFiling, workflowNotStarted } from '../filing';
import { currentFiscalYear } from '../fiscal-years/current-year';
import { checkImplementedPolicy } from '../policies/implemented-policy';

/**
 * Files a supplementary-budget request for the clerk's own unit and starts its workflow, exactly once
 * per `Idempotency-Key`: the row, its first round and its audit event are one statement under an id
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
  const create = () => insertBudgetFiling(prisma, { id, fiscalYear, unitId, actorId: actor.userId, content });
  const find = () => prisma.budgetRequest.findUnique({ where: { id }, include: { unit: true, rounds: { where: { round: 1 } } } });
  // Insert first: a first attempt (nearly every call) needs no read; a retry's insert meets the row
  // its id names (unique violation, nothing written) and reads that instead.
  let request: FiledBudgetRequest;
  try {
    request = await create();
  } catch (err) {
    const filed = isUniqueViolation(err) ? await find() : null;
    if (!filed) throw err;
    assertSameFiling(filed.rounds[0]?.content, content);
    const { rounds: _rounds, ...row } = filed;
    request = row;
  }
  if (!request.workflowStartedAt) {
    try {
      await startBudgetWorkflow(deps, request);
    } catch (err) {
      throw workflowNotStarted(err, request.number);
    }
  }
  return request;
}
