import { proxyActivities } from '@temporalio/workflow';
import type { NoticeInput } from '../activities/approval/notices';
import { MAIL_WORK } from './shared';

const mail = proxyActivities<{ mailNotice(i: NoticeInput): Promise<void> }>(MAIL_WORK);

/** The workflow ID of a notice: one per mail key, so a retried request mails once. */
export const noticeWorkflowId = (key: string): string => `notice-${key}`;

/**
 * A notice the API sends through the worker (the API has no mailer): a task handed over, an opinion
 * asked, an opinion given. Mail waits out a mail server's outage like every other mail.
 */
export async function noticeWorkflow(input: NoticeInput): Promise<void> {
  await mail.mailNotice(input);
}
