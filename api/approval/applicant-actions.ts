import type { ApiDeps, AuthedUser } from '../context';
import { resubmitUpdate, withdrawUpdate } from '../../workflows/approval/messages';
import { withWorkflowDeadline } from '../workflow-calls';
import type { ChainApi } from './chains';

/**
 * The applicant's side of any chain, through the engine's updates: resubmit a returned subject into
 * the same subject (a new round), or withdraw it. The workflow checks who may (the unit's own clerk),
 * when (after a return; before the first decision where the chain allows it) and the content's rules.
 */
export function resubmit(deps: Pick<ApiDeps, 'temporal'>, chain: ChainApi, o: {
  subjectId: string; actor: AuthedUser; content: unknown; expectedRound?: number; fiscalYear: number;
}) {
  return withWorkflowDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(chain.workflowId(o.subjectId)).executeUpdate(resubmitUpdate, {
    args: [{ actor: o.actor, content: o.content, expectedRound: o.expectedRound, fiscalYear: o.fiscalYear }],
  }));
}

export function withdraw(deps: Pick<ApiDeps, 'temporal'>, chain: ChainApi, o: { subjectId: string; actor: AuthedUser; comment?: string }) {
  return withWorkflowDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(chain.workflowId(o.subjectId)).executeUpdate(withdrawUpdate, {
    args: [{ actor: o.actor, comment: o.comment }],
  }));
}
