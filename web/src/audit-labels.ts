// The labels live in domain/ so the printed 审批单 words the history exactly as the pages do.
export { AUDIT_LABELS } from '../../domain/audit-labels';

type Words = { zh: string; en: string };

/** The recorded fields a reader cares about, in words; any other field stays in the raw record for auditors. */
export const AUDIT_FIELDS: Record<string, Words> = {
  amount: { zh: '金额', en: 'amount' },
  fiscalYear: { zh: '年度', en: 'year' },
  toYear: { zh: '转入年度', en: 'into year' },
  action: { zh: '决定', en: 'decision' },
  comment: { zh: '意见', en: 'comment' },
  reason: { zh: '理由', en: 'reason' },
  documentReference: { zh: '文件文号', en: 'document' },
  meetingReference: { zh: '会议', en: 'meeting' },
  paymentId: { zh: '付款编号', en: 'payment' },
  disbursementReference: { zh: '支付凭证号', en: 'payment reference' },
  outstanding: { zh: '未还余额', en: 'outstanding' },
  outstandingAfter: { zh: '还款后余额', en: 'outstanding after' },
  dueDate: { zh: '到期日', en: 'due' },
  paidOn: { zh: '还款日期', en: 'paid on' },
  fileName: { zh: '文件', en: 'file' },
  round: { zh: '轮次', en: 'round' },
  daysOverdue: { zh: '逾期天数', en: 'days overdue' },
  // delegation and consultation: the names as they were recorded
  onBehalfOfName: { zh: '代', en: 'on behalf of' },
  fromName: { zh: '转交人', en: 'handed by' },
  toName: { zh: '接收人', en: 'handed to' },
  consulteeName: { zh: '征求意见对象', en: 'asked' },
  askedByName: { zh: '征求人', en: 'asked by' },
  question: { zh: '事项', en: 'question' },
  answer: { zh: '答复', en: 'answer' },
};

/** A decision's action in words; an action not listed is left to the raw record rather than shown as a key. */
export const AUDIT_ACTIONS: Record<string, Words> = {
  approve: { zh: '同意', en: 'approved' },
  reject: { zh: '否决', en: 'rejected' },
  return: { zh: '退回修改', en: 'returned' },
  acknowledge: { zh: '已阅', en: 'acknowledged' },
  carry: { zh: '结转', en: 'carried' },
  lapse: { zh: '失效', en: 'lapsed' },
};
