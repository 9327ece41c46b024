import type { ApiDeps, AuthedUser } from '../context';
import { ChangeOfUseContent, checkChangeOfUse, fiscalYearAt, hasRole, isThreeGuarantees, normalizeYuan } from '../../domain';
import { forbidden, ruleRefusal } from '../errors';
import { writeAudit } from '../../activities/audit';
import { filingId, startChainWorkflow } from '../start-workflows';
import { ensureWorkflowStarted } from '../filing';
import { fileOnce, nextNumber } from '../file-once';

/** The workflow id of a change of use's R-B10 chain. */
export const changeOfUseWorkflowId = (id: string) => `change-of-use-${id}`;

export interface FileChangeOfUseOptions {
  actor: AuthedUser;
  content: ChangeOfUseContent;
  /** the caller's Idempotency-Key: every retry with it names the same request */
  idempotencyKey?: string;
}

/**
 * Files a change of use (预算调剂, R-B10) for the clerk's own unit after the 三保 rule, exactly once per
 * `Idempotency-Key`; it starts at the finance review.
 */
export async function fileChangeOfUse(deps: ApiDeps, { actor, content, idempotencyKey }: FileChangeOfUseOptions) {
  const { prisma } = deps;
  if (!hasRole(actor, 'dept_clerk') || !actor.unitId) throw forbidden('只有预算单位经办人可以申请预算调剂 / only a department clerk can ask for a change of use', 'wrong_role');
  const violations = checkChangeOfUse(content);
  if (violations.length) throw ruleRefusal(violations);
  const unitId = actor.unitId;
  const fiscalYear = fiscalYearAt(Date.now());
  const id = filingId('change_of_use', actor.userId, idempotencyKey);
  const asFiled = (c: ChangeOfUseContent) => ({ amount: c.amount, fromUse: c.fromUse, fromCategory: c.fromCategory, toUse: c.toUse, toCategory: c.toCategory, reason: c.reason });
  const row = await fileOnce({
    prisma,
    find: () => prisma.changeOfUseRequest.findUnique({ where: { id }, include: { unit: true } }),
    filed: (r) => asFiled({ ...r, amount: normalizeYuan(r.amount) } as ChangeOfUseContent),
    submitted: asFiled(content),
    create: async (tx) => {
      const number = await nextNumber(tx, 'change_of_use_number_seq', 'TJ', fiscalYear);
      const created = await tx.changeOfUseRequest.create({
        data: {
          id, number, unitId, fiscalYear, amount: content.amount, fromUse: content.fromUse, fromCategory: content.fromCategory,
          toUse: content.toUse, toCategory: content.toCategory, sourceThreeGuarantees: isThreeGuarantees(content.fromCategory),
          reason: content.reason, status: 'in_review', step: 'finance_review', createdById: actor.userId, workflowId: changeOfUseWorkflowId(id),
        },
        include: { unit: true },
      });
      await writeAudit(tx, {
        eventKey: `${id}:filed`, actorId: actor.userId, subjectType: 'change_of_use', subjectId: id,
        data: { type: 'change_of_use_filed', number, fiscalYear, ...asFiled(content) },
      });
      return created;
    },
  });
  await ensureWorkflowStarted(row, () => startChainWorkflow(deps, 'change_of_use', row));
  return row;
}
