import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ApiDeps } from './context';
import type { NoticeInput } from '../activities/approval/notices';
import { noticeWorkflowId } from '../workflows/notices';
import { withWorkflowDeadline } from './workflow-calls';

/**
 * Has the worker mail a notice once (the API has no mailer): one workflow per mail key, so a retried
 * request starts nothing twice. Called after the record is committed; if Temporal is down the caller
 * hears 503 and its retry (the record already there) starts the notice then.
 */
export async function sendNotice(deps: Pick<ApiDeps, 'temporal' | 'taskQueue'>, notice: NoticeInput): Promise<void> {
  try {
    await withWorkflowDeadline(deps.temporal, () => deps.temporal.workflow.start('noticeWorkflow', {
      workflowId: noticeWorkflowId(notice.key), taskQueue: deps.taskQueue, args: [notice], workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }), 10_000);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
