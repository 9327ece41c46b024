import {
  BUDGET_CATEGORIES, BUDGET_STEPS, BudgetCategory, BudgetStep, ChainDefinition, chainPositionLabel, DECISION_ACTIONS, DecisionAction,
  MEETING_KINDS, RULES, stepOf,
} from '../../domain';
import { yuanText } from '../../activities/mail-format';

/** Server-rendered pages of the e-mail links: Chinese first, English below, no script needed. */

export const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const INBOX = '/tasks';

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;color:#1f1f1f}
main{max-width:640px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 32px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 4px}.en{color:#666;font-size:14px;margin:0 0 16px}dl{display:grid;grid-template-columns:10.5em 1fr;gap:6px 12px}
dt{color:#666}dd{margin:0}.tag{display:inline-block;border-radius:4px;padding:0 6px;margin-right:6px;font-size:12px;border:1px solid}
.b5{color:#cf1322;border-color:#ffa39e;background:#fff1f0}.b4{color:#d46b08;border-color:#ffd591;background:#fff7e6}
label{display:block;margin:12px 0 4px}textarea,input,select{width:100%;box-sizing:border-box;padding:6px 8px;font:inherit;border:1px solid #d9d9d9;border-radius:6px}
button{margin-top:16px;padding:8px 20px;font:inherit;border:0;border-radius:6px;background:#1677ff;color:#fff;cursor:pointer}
button.danger{background:#ff4d4f}.error{background:#fff2f0;border:1px solid #ffccc7;padding:8px 12px;border-radius:6px;margin:12px 0}
.note{color:#666;font-size:13px}a{color:#1677ff}</style></head><body><main>${body}</main></body></html>`;
}

const inboxLink = `<p><a href="${INBOX}">前往我的待办 / Go to my inbox</a></p>`;

/** What the pages show of a link's subject: its chain (for the step's fields and labels) and its facts. */
export interface SubjectView {
  definition: ChainDefinition;
  /** the subject's key facts as a definition list, with the task's step when given */
  facts(task?: { step: string; round: number }): string;
}

export interface FormValues { comment?: string; meetingKind?: string; meetingReference?: string; resolutionReference?: string }

/** The inputs the step's action requires, from the chain's definition: meeting (kind and reference), resolution. */
function decisionFields(def: ChainDefinition, stepName: string, action: DecisionAction, v: FormValues): string {
  const step = stepOf(def, stepName);
  const requires: readonly string[] = step?.actions[action as keyof typeof step.actions]?.requires ?? [];
  const kinds = step?.meetingKinds ?? ['executive', 'office'];
  const rule = step?.ruleId ?? def.ruleId;
  const kind = !requires.includes('meetingReference') && !requires.includes('meetingKind') ? ''
    : kinds.length === 1
      // One kind only (R-L6: the executive meeting): stated, not chosen.
      ? `
<p>会议类型 / Meeting: <strong>${esc(MEETING_KINDS[kinds[0]].zh)}</strong> / ${esc(MEETING_KINDS[kinds[0]].en)}<br>
<span class="note">${esc(rule)}「${esc(RULES[rule as keyof typeof RULES].zh)}」</span></p>`
      : `
<label for="meetingKind">会议类型 / Meeting</label><select id="meetingKind" name="meetingKind" required>
${kinds.map((k) => `<option value="${k}"${v.meetingKind === k ? ' selected' : ''}>${esc(MEETING_KINDS[k].zh)} / ${esc(MEETING_KINDS[k].en)}</option>`).join('')}</select>`;
  const meeting = requires.includes('meetingReference') ? `
<label for="meetingReference">会议文号 / Meeting reference</label><input id="meetingReference" name="meetingReference" required minlength="2" placeholder="如：县政府第12次常务会议" value="${esc(v.meetingReference)}">` : '';
  const resolution = requires.includes('resolutionReference') ? `
<label for="resolutionReference">批复或备案文号 / Resolution or filing reference</label><input id="resolutionReference" name="resolutionReference" required minlength="2" placeholder="如：县人大常委会〔2026〕8号批复、州政备〔2026〕12号" value="${esc(v.resolutionReference)}">` : '';
  return kind + meeting + resolution;
}

/** Whether the step's action needs a reason. */
const needsReason = (def: ChainDefinition, stepName: string, action: DecisionAction): boolean => {
  const step = stepOf(def, stepName);
  return !!step?.actions[action as keyof typeof step.actions]?.requires.includes('comment');
};

interface RequestView {
  id: string; number: string; unit: { name: string }; amount: { toString(): string }; category: string; purpose: string;
  justification: string; fiscalYear: number; threeGuarantees: boolean; generalPurpose: boolean; step: string; round: number;
}

/** A budget request's facts on the pages. */
export function budgetFacts(r: RequestView, task?: { step: string; round: number }): string {
  const cat = BUDGET_CATEGORIES[r.category as BudgetCategory];
  const flags = [
    r.threeGuarantees ? `<span class="tag b5" title="${esc(RULES['R-B5'].zh)}">R-B5 三保优先</span>` : '',
    r.generalPurpose ? `<span class="tag b4" title="${esc(RULES['R-B4'].zh)}">R-B4 一般性支出</span>` : '',
  ].join('');
  const step = task ? BUDGET_STEPS[task.step as BudgetStep] : undefined;
  return `<dl>
<dt>申请编号 / Request</dt><dd>${esc(r.number)} ${flags}</dd>
<dt>预算单位 / Unit</dt><dd>${esc(r.unit.name)}</dd>
<dt>金额 / Amount</dt><dd>${esc(yuanText(r.amount))}</dd>
<dt>类别 / Category</dt><dd>${esc(cat?.zh ?? r.category)} <span class="note">${esc(cat?.en ?? '')}</span></dd>
<dt>用途 / Purpose</dt><dd>${esc(r.purpose)}</dd>
${r.justification ? `<dt>理由 / Justification</dt><dd>${esc(r.justification)}</dd>` : ''}
<dt>预算年度 / Fiscal year</dt><dd>${esc(r.fiscalYear)}</dd>
${step && task ? `<dt>环节 / Step</dt><dd>${esc(step.zh)}（第${esc(task.round)}轮） <span class="note">${esc(step.en)}, round ${esc(task.round)}</span></dd>` : ''}
</dl><p class="note"><a href="/budget-requests/${esc(r.id)}">查看申请全部记录 / See the request's full history</a></p>`;
}

/** The confirmation form a link opens: nothing is decided until it is submitted. */
export function confirmPage(o: {
  token: string; action: DecisionAction; subject: SubjectView; task: { step: string; round: number }; assigneeName: string; values?: FormValues; error?: string;
  /** an opinion the approver asked is unanswered: offer to decide anyway (recorded) */
  offerProceedAnyway?: boolean;
}): string {
  const label = DECISION_ACTIONS[o.action];
  const v = o.values ?? {};
  const reason = needsReason(o.subject.definition, o.task.step, o.action);
  return layout(`确认：${label.zh} / Confirm: ${label.en}`, `
<h1>确认「${esc(label.zh)}」</h1><p class="en">Confirm “${esc(label.en)}” — ${esc(o.assigneeName)}</p>
${o.error ? `<div class="error" role="alert">${esc(o.error)}</div>` : ''}
${o.subject.facts(o.task)}
<form method="post" action="/email-actions/${esc(o.token)}">
${decisionFields(o.subject.definition, o.task.step, o.action, v)}
<label for="comment">意见${reason ? '（必填）' : '（选填）'} / Comment${reason ? ' (required)' : ' (optional)'}</label>
<textarea id="comment" name="comment" rows="3"${reason ? ' required' : ''}>${esc(v.comment)}</textarea>
${o.offerProceedAnyway ? '<label><input type="checkbox" name="proceedAnyway" value="true"> 不等征求意见的答复，继续办理（将记录在案） / decide without waiting for the opinions asked (recorded)</label>' : ''}
<button type="submit"${['reject', 'object'].includes(o.action) ? ' class="danger"' : ''}>确认${esc(label.zh)} / Confirm ${esc(label.en)}</button>
</form>
<p class="note">打开此页面不会办理任何事项，提交后才生效。 / Opening this page decides nothing; submitting the form does.</p>${inboxLink}`);
}

/** Where the subject stands now, for the done page. */
function standing(def: ChainDefinition, position: string): string {
  const label = chainPositionLabel(def, position);
  return `<p>${esc(def.subject.zh)}当前处于「${esc(label.zh)}」。<br><span class="note">The ${esc(def.subject.en)} is now at: ${esc(label.en)}.</span></p>`;
}

/** The answer after a link decided its task. */
export function donePage(o: { action: DecisionAction; subject: SubjectView; position: string }): string {
  const label = DECISION_ACTIONS[o.action];
  return layout('已办理 / Done', `
<h1>已办理：${esc(label.zh)}</h1><p class="en">Done: ${esc(label.en)}</p>
${standing(o.subject.definition, o.position)}
${o.subject.facts()}${inboxLink}`);
}

const PROBLEMS = {
  forged: { zh: '链接无效', en: 'This link is not valid', why: '此链接不存在或已被篡改，请从最新的待办邮件或系统中办理。 / This link does not exist or was altered; please use your latest task e-mail or the inbox.' },
  used: { zh: '链接已使用', en: 'This link has already been used', why: '每个办理链接只能使用一次，此链接已用于办理。 / Each decision link works once, and this one has been used.' },
  expired: { zh: '链接已过期', en: 'This link has expired', why: '为安全起见，办理链接有有效期，此链接已过期，请在系统中办理。 / For safety decision links expire; this one has, please decide in the inbox.' },
  superseded: { zh: '此任务已不需要办理', en: 'This task no longer needs you', why: '' },
} as const;

/** Why a link cannot decide anything (any more), with the way to the inbox. */
export function problemPage(o: { kind: keyof typeof PROBLEMS; reason?: string; at?: Date; subject?: SubjectView }): string {
  const p = PROBLEMS[o.kind];
  const when = o.at ? `<p class="note">${o.kind === 'used' ? '使用时间 / Used at' : '过期时间 / Expired at'}: ${esc(o.at.toISOString().replace('T', ' ').slice(0, 16))} UTC</p>` : '';
  return layout(`${p.zh} / ${p.en}`, `
<h1>${esc(p.zh)}</h1><p class="en">${esc(p.en)}</p>
<div class="error" role="alert">${esc(o.reason ?? p.why)}</div>${when}
${o.subject ? o.subject.facts() : ''}${inboxLink}`);
}

/** A failure of ours: nothing was decided. */
export const errorPage = (message: string): string => layout('出错了 / Something went wrong', `
<h1>出错了，未办理</h1><p class="en">Something went wrong; nothing was decided.</p><div class="error" role="alert">${esc(message)}</div>${inboxLink}`);
