import type { ApiDeps, AuthedUser } from '../context';
import { resubmitUpdate, withdrawUpdate } from '../../workflows/approval/messages';
import { withWorkflowDeadline } from '../workflow-calls';
import type { ChainApi } from './chains';

/** The configured update deadline applies to the applicant's calls as to the deciders'. */
type Deps = Pick<ApiDeps, 'temporal'> & Partial<Pick<ApiDeps, 'updateDeadlineMs'>>;

/**
 * The applicant's side of any chain, through the engine's updates: resubmit a returned subject into
 * the same subject (a new round), or withdraw it. The workflow checks who may (the unit's own clerk),
 * when (after a return; before the first decision where the chain allows it) and the content's rules.
 */
export function resubmit(deps: Deps, chain: ChainApi, o: {
  subjectId: string; actor: AuthedUser; content: unknown; expectedRound?: number; fiscalYear: number;
}) {
  return withWorkflowDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(chain.workflowId(o.subjectId)).executeUpdate(resubmitUpdate, {
    args: [{ actor: o.actor, content: o.content, expectedRound: o.expectedRound, fiscalYear: o.fiscalYear }],
  }), deps.updateDeadlineMs);
}

export function withdraw(deps: Deps, chain: ChainApi, o: { subjectId: string; actor: AuthedUser; comment?: string }) {
  return withWorkflowDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(chain.workflowId(o.subjectId)).executeUpdate(withdrawUpdate, {
    args: [{ actor: o.actor, comment: o.comment }],
  }), deps.updateDeadlineMs);
}
