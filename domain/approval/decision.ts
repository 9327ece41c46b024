import { z } from 'zod';
import { zText } from '../text';

/** What any chain's steps can decide, and what the applicant can do with a returned subject. */
export const DECISION_ACTIONS = {
  approve: { zh: '同意', en: 'Approve' },
  reject: { zh: '不同意（终止）', en: 'Reject' },
  return: { zh: '退回修改', en: 'Return for revision' },
  acknowledge: { zh: '已知悉', en: 'Acknowledge' },
  object: { zh: '有异议（退回）', en: 'Object' },
  resubmit: { zh: '重新提交', en: 'Resubmit' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
} as const;
export type DecisionAction = keyof typeof DECISION_ACTIONS;

export const MEETING_KINDS = {
  executive: { zh: '县政府常务会议', en: 'Executive meeting' },
  office: { zh: '县政府办公会议', en: 'Office meeting' },
} as const;
export type MeetingKind = keyof typeof MEETING_KINDS;

/** What an approver sends to decide a task, whatever the chain. */
export const ZDecisionInput = z.object({
  action: z.enum(['approve', 'reject', 'return', 'acknowledge', 'object']),
  comment: zText({ max: 2000 }).optional(),
  meetingKind: z.enum(['executive', 'office']).optional(),
  meetingReference: zText({ min: 2, max: 200 }).optional(),
  resolutionReference: zText({ min: 2, max: 200 }).optional(),
  /** decide although an opinion asked for (征求意见) is still unanswered; recorded with the decision */
  proceedAnyway: z.boolean().optional(),
});
export type DecisionInput = z.infer<typeof ZDecisionInput>;
