import { proxyActivities } from '@temporalio/workflow';
import type { NudgeInput } from '../activities/approval/contract';
import { MAIL_WORK } from './shared';

const mail = proxyActivities<{ nudgeChainTasks(i: NudgeInput): Promise<{ taskIds: string[] }> }>(MAIL_WORK);

/** 催办: the nudge's e-mails to the holders of the subject's open tasks, sent by the worker (the API has no mailer). */
export async function nudgeWorkflow(i: NudgeInput): Promise<number> {
  return (await mail.nudgeChainTasks(i)).taskIds.length;
}

const copies = proxyActivities<{ mailChainCopies(i: { chain: string; subjectId: string }): Promise<number> }>(MAIL_WORK);

/** 抄送 by an approver: the copied users' e-mails (no decision links), sent by the worker. */
export async function copyMailWorkflow(i: { chain: string; subjectId: string }): Promise<number> {
  return copies.mailChainCopies(i);
}
