import { allHandlersFinished, ApplicationFailure, condition, defineQuery, defineUpdate, proxyActivities, setHandler, startChild } from '@temporalio/workflow';
import type { TransferActivities } from '../activities/transfers';
import { Actor, compareYuan, hasRole, Yuan } from '../domain';
import { MAIL_WORK, STEP_WORK, surfaceActivityRefusal, UNDER_LOCK } from './shared';
import { reportDutyWorkflow, reportWorkflowId, ReportTiming } from './reports';

const acts = proxyActivities<TransferActivities>(STEP_WORK);
const mails = proxyActivities<TransferActivities>(MAIL_WORK);
const locked = proxyActivities<TransferActivities>(UNDER_LOCK);

export const transferWorkflowId = (transferId: string) => `transfer-${transferId}`;

export interface AllocateArgs { actor: Actor; unitId: string; amount: Yuan; reference: string; allocatedOn: string }
export const allocateTransferUpdate = defineUpdate<{ left: Yuan; replayed: boolean }, [AllocateArgs]>('allocateTransfer');
export const transferStateQuery = defineQuery<{ left: Yuan; escalation: number }>('transferState');

const DAY_MS = 86_400_000;
/** Reminders before the onward deadline, in days. */
const REMIND_DAYS = [7, 1];

const refuse = (code: string, status: number, message: string, field?: string) =>
  ApplicationFailure.create({ type: 'DecisionRefused', nonRetryable: true, details: [{ code, status, message, field }], message });

/**
 * R-B7: a special transfer from above, watched until it has all been passed on to the receiving units:
 * reminders 7 days and 1 day before the document's deadline, then the director (R-M4 record) and the
 * principal leaders while money is still held. A large one (金额较大) also opens its report duty to 县委、县政府.
 */
export async function transferWorkflow(input: { transferId: string; timing: ReportTiming }): Promise<{ late: boolean }> {
  // Handlers first: an allocation may arrive before the transfer has been read.
  let left: Yuan | undefined;
  let escalation = 0;
  const done = () => left !== undefined && compareYuan(left, '0.00') === 0;
  setHandler(transferStateQuery, () => ({ left: left ?? '0.00', escalation }));
  setHandler(allocateTransferUpdate, async (a: AllocateArgs) => {
    await condition(() => left !== undefined);
    const r = await locked.recordTransferAllocation({ transferId: input.transferId, unitId: a.unitId, amount: a.amount, reference: a.reference, allocatedOn: a.allocatedOn, actorId: a.actor.userId }).catch(surfaceActivityRefusal);
    left = r.left;
    return r;
  }, {
    validator: (a: AllocateArgs) => {
      if (!hasRole(a.actor, 'finance_reviewer', 'finance_director', 'treasury_officer')) throw refuse('wrong_role', 403, '由财政局下达 / the bureau passes transfers on');
    },
  });

  const t = await acts.readTransfer({ transferId: input.transferId });
  left ??= t.left;
  if (t.large) {
    try {
      await startChild(reportDutyWorkflow, { workflowId: reportWorkflowId('transfer', t.transferId), args: [{ kind: 'transfer', period: t.transferId, timing: input.timing }], parentClosePolicy: 'ABANDON' });
    } catch (err) {
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    }
  }

  for (const days of REMIND_DAYS) {
    const at = t.deadlineAt - days * DAY_MS;
    if (at <= Date.now()) continue;
    if (await condition(done, at - Date.now())) break;
    await mails.remindTransfer({ transferId: t.transferId, daysBefore: days });
  }
  if (!done() && !(await condition(done, Math.max(1, t.deadlineAt - Date.now())))) {
    await acts.escalateTransfer({ transferId: t.transferId, level: 1 });
    escalation = 1;
    if (!(await condition(done, input.timing.leadersAfterDays * DAY_MS))) {
      await acts.escalateTransfer({ transferId: t.transferId, level: 2 });
      escalation = 2;
    }
  }
  await condition(done);
  await condition(allHandlersFinished);
  return { late: escalation > 0 };
}
