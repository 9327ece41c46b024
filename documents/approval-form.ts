import {
  AUDIT_LABELS, BUDGET_STEPS, changeOfUsePositionLabel, chinaDateTime, DECISION_ACTIONS, LOAN_STEPS, MEETING_KINDS, policyPositionLabel, ROLES, RULES, type AuditEventData,
} from '../domain';
import type { PrintableDocument, PrintableSection } from './pdf';

/**
 * The printable 审批单 of a budget request, loan, R-B9 policy or R-B10 change of use, built only from what was recorded: its facts,
 * its rounds, the audit events (decisions and every other step), its files and the audit chain's
 * head. Each kind of event (a decision on someone's behalf, a hand-over, a consultation) is a line
 * of `describeEvent`, not a new layout.
 */
export interface ApprovalRecord {
  kind: 'budget' | 'loan' | 'policy' | 'change_of_use';
  number: string;
  facts: { label: string; value: string }[];
  rounds: { round: number; submittedAt: Date; by: string; summary: string }[];
  events: { seq: number; at: Date; actorName: string | null; data: AuditEventData }[];
  attachments: { fileName: string; contentType: string; size: number; sha256: string; uploadedBy: string; uploadedAt: Date; comment: string | null }[];
  chain: { intact: boolean; events: number; headHash: string | null };
  /** the dates of the meetings its decisions name (meetings recorded on the 会议 page), by meeting number */
  meetingDates?: Record<string, string>;
  printedAt: Date;
}

const TITLES = { budget: '追加预算审批单', loan: '借款（暂付性款项）审批单', policy: '重大增支政策审批单', change_of_use: '预算调剂审批单' };
/** The rule each process as a whole applies (DOMAIN.md), beside those named along the way. */
const PROCESS_RULES = { budget: ['R-B2'], loan: ['R-L6'], policy: ['R-B9'], change_of_use: ['R-B10'] };

/** 'YYYY-MM-DD HH:mm 北京时间' */
export const chinaTimeText = (d: Date): string => `${chinaDateTime(d.getTime())}（北京时间）`;

type StepLabel = (step: string) => string;
const requestStepLabel: StepLabel = (step) =>
  (BUDGET_STEPS as Record<string, { zh: string }>)[step]?.zh ?? (LOAN_STEPS as Record<string, { zh: string }>)[step]?.zh ?? step;
/** Each kind names its chain's steps its own way (an executive meeting is one step of several chains). */
const STEP_LABELS: Record<ApprovalRecord['kind'], StepLabel> = {
  budget: requestStepLabel, loan: requestStepLabel, policy: (s) => policyPositionLabel(s).zh, change_of_use: (s) => changeOfUsePositionLabel(s).zh,
};
const actionLabel = (action: string): string => (DECISION_ACTIONS as Record<string, { zh: string }>)[action]?.zh ?? action;
const roleLabel = (role: string): string => (ROLES as Record<string, { zh: string }>)[role]?.zh ?? role;

/** One line of the history: what happened, in words, with the facts that matter. */
function describeEvent(e: AuditEventData, meetingDates: Record<string, string>, stepLabel: StepLabel): string {
  const label = AUDIT_LABELS[e.type]?.zh ?? e.type;
  switch (e.type) {
    case 'decision_recorded':
      return [
        `${stepLabel(e.step)}：${actionLabel(e.action)}（${roleLabel(e.role)}）`, e.onBehalfOfName && `代 ${e.onBehalfOfName} 办理`, e.comment && `意见：${e.comment}`, meetingText(e, meetingDates),
        e.proceedAnyway && '征求的意见未答复，审批人决定继续办理',
      ].filter(Boolean).join('；');
    case 'task_handed_over':
      return [`${label}：${stepLabel(e.step)}，${e.fromName} 转交给 ${e.toName}（代 ${e.assigneeName} 办理）`, e.reason && `说明：${e.reason}`].filter(Boolean).join('；');
    case 'consultation_requested':
      return `${label}（${stepLabel(e.step)}）：${e.askedByName} 征求 ${e.consulteeName} 的意见：${e.question}`;
    case 'consultation_answered':
      return `${label}（${stepLabel(e.step)}）：${e.consulteeName} 答复 ${e.askedByName}：${e.answer}`;
    case 'tasks_opened':
    case 'reminder_sent':
    case 'nudged':
      return `${label}：${stepLabel(e.step)}`;
    case 'attachment_added':
      return [`${label}：${e.fileName}`, `SHA-256 ${e.sha256}`, e.comment && `说明：${e.comment}`].filter(Boolean).join('；');
    case 'copied':
      return [`${label}（${stepLabel(e.step)}）：${e.users.length} 人`, e.comment && `说明：${e.comment}`].filter(Boolean).join('；');
    case 'comment_added':
      return `${label}（${stepLabel(e.step)}）：${e.comment}`;
    default: {
      const details = Object.entries(e).filter(([k]) => k !== 'type').map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
      return details.length ? `${label}：${details.join('，')}` : label;
    }
  }
}

/** 会议：县政府第12次常务会议（县政府常务会议，2026-11-27 召开）；决议：… */
function meetingText(e: { meetingKind?: string; meetingReference?: string; resolutionReference?: string }, meetingDates: Record<string, string>): string {
  const kind = e.meetingKind ? (MEETING_KINDS as Record<string, { zh: string }>)[e.meetingKind]?.zh ?? e.meetingKind : undefined;
  const date = e.meetingReference ? meetingDates[e.meetingReference] : undefined;
  const about = [kind, date && `${date} 召开`].filter(Boolean).join('，');
  return [e.meetingReference && `会议：${e.meetingReference}${about ? `（${about}）` : ''}`, e.resolutionReference && `决议：${e.resolutionReference}`].filter(Boolean).join('；');
}

/** Rule IDs named anywhere in the record (step names, refusals, findings) plus the process's own. */
function rulesApplied(record: ApprovalRecord): string[] {
  const stepLabel = STEP_LABELS[record.kind];
  const text = JSON.stringify(record.events.map((e) => e.data)) + record.events.map((e) => ('step' in e.data ? stepLabel(String(e.data.step)) : '')).join(' ');
  const found = new Set([...PROCESS_RULES[record.kind], ...(text.match(/R-[BLM]\d+/g) ?? [])]);
  return [...found].filter((id) => id in RULES).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const kb = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The document `renderPdf` prints. */
export function approvalFormDocument(record: ApprovalRecord): PrintableDocument {
  const decisions = record.events.filter((e): e is typeof e & { data: Extract<AuditEventData, { type: 'decision_recorded' }> } => e.data.type === 'decision_recorded');
  const head = record.chain.headHash ?? '（无 / none）';
  const meetingDates = record.meetingDates ?? {};
  const stepLabel = STEP_LABELS[record.kind];
  const sections: PrintableSection[] = [
    { kind: 'heading', text: '申请内容（各轮）' },
    { kind: 'table', table: { columns: [{ header: '轮次', weight: 1 }, { header: '提交时间', weight: 3 }, { header: '提交人', weight: 3 }, { header: '内容', weight: 8 }], rows: record.rounds.map((r) => [String(r.round), chinaTimeText(r.submittedAt), r.by, r.summary]) } },
    { kind: 'heading', text: '审批意见' },
    decisions.length
      ? { kind: 'table', table: {
        columns: [{ header: '轮次', weight: 1 }, { header: '环节', weight: 3 }, { header: '意见', weight: 2 }, { header: '审批人', weight: 3 }, { header: '时间', weight: 3 }, { header: '说明、会议及决议文号', weight: 5 }],
        rows: decisions.map((d) => [String(d.data.round), stepLabel(d.data.step), actionLabel(d.data.action), `${d.actorName ?? '—'}${d.data.onBehalfOfName ? `（代 ${d.data.onBehalfOfName}）` : ''}（${roleLabel(d.data.role)}）`, chinaTimeText(d.at), [d.data.comment, meetingText(d.data, meetingDates)].filter(Boolean).join('；')]),
      } }
      : { kind: 'paragraph', text: '尚无审批意见。' },
    { kind: 'heading', text: '适用规则' },
    { kind: 'table', table: { columns: [{ header: '规则', weight: 1 }, { header: '内容', weight: 7 }], rows: rulesApplied(record).map((id) => [id, RULES[id as keyof typeof RULES].zh]) } },
    { kind: 'heading', text: '附件' },
    record.attachments.length
      ? { kind: 'table', table: {
        columns: [{ header: '文件', weight: 3 }, { header: '大小', weight: 1 }, { header: 'SHA-256', weight: 6 }, { header: '上传人、时间及说明', weight: 4 }],
        rows: record.attachments.map((a) => [a.fileName, kb(a.size), a.sha256, [a.uploadedBy, chinaTimeText(a.uploadedAt), a.comment].filter(Boolean).join('；')]),
      } }
      : { kind: 'paragraph', text: '无附件。' },
    { kind: 'heading', text: '办理经过' },
    { kind: 'table', table: { columns: [{ header: '序号', weight: 1 }, { header: '时间', weight: 3 }, { header: '经办人', weight: 3 }, { header: '事项', weight: 9 }], rows: record.events.map((e) => [String(e.seq), chinaTimeText(e.at), e.actorName ?? '系统', describeEvent(e.data, meetingDates, stepLabel)]) } },
    { kind: 'heading', text: '审计链' },
    { kind: 'paragraph', text: `共 ${record.chain.events} 条审计记录，校验${record.chain.intact ? '完整' : '未通过（记录被改动，请以系统校验结果为准）'}。链头哈希（SHA-256）：${head}` },
  ];
  return {
    title: TITLES[record.kind],
    subtitle: `编号 ${record.number}　打印时间 ${chinaTimeText(record.printedAt)}`,
    facts: record.facts,
    sections,
    footer: `${record.number}　审计链头 ${head.slice(0, 16)}…`,
    createdAt: record.printedAt,
    author: '县财政局',
  };
}
