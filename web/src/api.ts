/** The API client: bearer token from the login, one error shape (see README "Errors"). */
import { saveBlob } from './download';
import type { ChangeOfUse, Policy } from './chains-api';

const TOKEN_KEY = 'approvals.token';

export interface Violation { ruleId: string; zh: string; en: string; field?: string; detail: string }
export interface FieldError { field: string; message: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fields: FieldError[] = [], readonly violations: Violation[] = [], readonly field?: string, readonly rows: StockRowError[] = []) {
    super(message);
  }
}

export const getToken = () => localStorage.getItem(TOKEN_KEY);
export const setToken = (t: string | null) => (t ? localStorage.setItem(TOKEN_KEY, t) : localStorage.removeItem(TOKEN_KEY));

let onUnauthorized: () => void = () => {};
export const whenUnauthorized = (fn: () => void) => { onUnauthorized = fn; };

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, file?: Blob): Promise<T> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : file ? { 'content-type': file.type || 'application/octet-stream' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers,
      },
      body: file ?? (body !== undefined ? JSON.stringify(body) : undefined),
    });
  } catch {
    // No answer at all (offline, server down): said plainly, not as the browser's "Failed to fetch".
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试 / cannot reach the server; check the connection and retry');
  }
  const text = await res.text();
  let json: { error?: { code?: string; message?: string; fields?: FieldError[]; violations?: Violation[]; field?: string; rows?: StockRowError[] } } | undefined;
  try { json = text ? JSON.parse(text) : undefined; } catch {
    // A proxy's HTML error page rather than the API's JSON
    if (res.ok) throw new ApiError(res.status, 'bad_response', '服务器返回了无法识别的内容 / the server answered something unreadable');
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/login') onUnauthorized();
    const e = json?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? `服务暂不可用（HTTP ${res.status}） / service unavailable (HTTP ${res.status})`, e.fields, e.violations, e.field, e.rows);
  }
  return json as unknown as T;
}

/** A fresh key per form submission: a retried click returns the first answer instead of filing twice. */
export const idempotencyKey = () => `web-${crypto.randomUUID()}`;

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown, key?: string) => request<T>('POST', path, body, key ? { 'Idempotency-Key': key } : {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Downloads a file (e.g. an Excel export) with the bearer token. */
  async download(path: string, filename: string) {
    const res = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${getToken()}` } });
    if (!res.ok) throw new ApiError(res.status, 'download_failed', res.statusText);
    saveBlob(await res.blob(), filename);
  },
  /** Sends a file as the raw body (e.g. an .xlsx import), answering the API's JSON. */
  upload: <T>(path: string, file: Blob, key?: string) => request<T>('POST', path, undefined, key ? { 'Idempotency-Key': key } : {}, file),
};

// ---- shapes the API answers with (the fields the pages use) ----
export interface Label { zh: string; en: string }
/** A rule flag on a request or a loan, labelled in both languages, with the rule's Chinese wording. */
export interface RuleFlag { ruleId: string; zh: string; en: string; rule: string }
export interface BudgetRequest {
  id: string; number: string; unitId: string; unit?: { code: string; name: string }; fiscalYear: number; amount: string;
  category: string; categoryLabel: Label; purpose: string; justification: string; disbursementPlan: { month: string; amount: string }[] | null;
  status: string; step: string; stepLabel: Label; round: number; flags: RuleFlag[]; createdById: string; createdAt: string; updatedAt: string;
  /** R-M2: the unit is a key unit (also an R-M2 flag) */
  keyUnit?: boolean;
}
export interface Task {
  id: string; subjectType: string; subjectId: string; round: number; step: string; stepLabel: Label; actions: string[]; role: string;
  status: string; priority: number; openedAt: string; closedAt: string | null; ageHours: number; request: BudgetRequest | null;
  /** loan tasks (finance review, executive meeting, disbursement) carry the loan instead */
  loan?: Loan | null;
  /** R-B9 policy and R-B10 change-of-use tasks carry their subject */
  policy?: Policy | null;
  changeOfUse?: ChangeOfUse | null;
  /** the director's year-turn task (R-B11), decided on /year-turn/:fromYear */
  yearTurn?: { fromYear: number };
  assigneeName?: string;
  /** I act for its assignee (代理: they are away; 转交: they handed it to me) */
  onBehalfOf?: { id: string; name: string; via: 'hand_over' | 'absence' };
  /** the assignee handed it over (转交) */
  handedOver?: { toId: string; toName: string; at: string };
}
/** An opinion asked before deciding (加签 / 征求意见). */
export interface Consultation {
  id: string; subjectType: string; subjectId: string; round: number; step: string; taskId: string; askedById: string; askedByName: string;
  consulteeId: string; consulteeName: string; question: string; askedAt: string; answer: string | null; answeredAt: string | null; status: 'waiting' | 'answered';
  stepLabel?: Label; answerable?: boolean; subjectKey?: string; subject?: { number?: string; purpose?: string; title?: string; amount?: string } | null;
}
export interface Decision {
  id: string; round: number; step: string; stepLabel: Label; action: string; actionLabel: Label; actorId: string; actorName?: string; actorRole: string;
  comment: string | null; decidedAt: string; meetingKind?: string; meetingLabel?: Label; meetingReference?: string; resolutionReference?: string;
  /** decided for this assignee (代理 / 转交) */
  onBehalfOf?: { id: string; name: string };
  /** decided while an opinion asked was unanswered */
  proceededAnyway?: boolean;
}
export interface RequestDetail {
  request: BudgetRequest;
  /** R-B9: the policy in force the request implements */
  policy?: { id: string; number: string; title: string; status: string } | null;
  rounds: { round: number; content: { amount: string; purpose: string; category: string; justification: string; fiscalYear: number }; submittedAt: string; submittedBy: string }[];
  decisions: Decision[];
  consultations?: Consultation[];
  tasks: (Omit<Task, 'request'> & { assigneeName: string; assigneeId: string })[];
  reservation: { amount: string; status: string; fiscalYear: number } | null;
  disbursementSchedule: { seq: number; month: string; amount: string }[];
  audit: { id: string; at: string; actorId: string | null; type: string; data: Record<string, unknown> }[];
}
export interface User { id: string; username: string; displayName: string; roles: { id: string; zh: string; en: string }[]; unitId: string | null; unit?: { code: string; name: string }; preferences?: { mailEnglish: boolean } }
export interface FiscalYear {
  year: number; availableResources: string; reserved: string; committed: string; remaining: string; generalBudgetExpenditure: string; fundBudgetExpenditure: string;
  updatedAt: string;
  /** R-L8 cap and held advances; only for the roles that see the advances position */
  advances?: YearAdvances;
}
/** A year's advances against the R-L8 cap (held = outstanding + approved, not disbursed). */
export interface YearAdvances { outstanding: string; reserved: string; held: string; cap: string; expenditure: string; ratioPercent: string; heldPercent: string; headroom: string; overCap: boolean; excess: string }
/** PUT /fiscal-years/:year: the saved year and the rules its figures already break without being refused (R-L8). */
export interface FiscalYearSaved { fiscalYear: FiscalYear; warnings: Violation[] }

// ---- loans (借款) ----
export interface Loan {
  id: string; number: string; unitId: string; unit?: { code: string; name: string }; fiscalYear: number; amount: string; outstanding: string;
  purpose: string; purposeLabel: Label | null; purposeDetails: string; repaymentSource: string; termMonths: number | null; requestedDueDate: string | null;
  instalmentPlan: { afterMonths: number; amount: string }[] | null; status: string; step: string; stepLabel: Label; dueDate: string | null;
  disbursedAt: string | null; disbursementReference: string | null; responsibleOfficerId: string | null;
  overdue: boolean; daysOverdue: number | null; flags: RuleFlag[]; createdAt: string; createdById: string;
  /** R-M2: the unit is a key unit (also an R-M2 flag) */
  keyUnit?: boolean;
  /** R-L2: the borrower's declaration that nothing is re-lent to an enterprise */
  noOnLendingDeclared: boolean;
}
/** A mark on a loan with the rule behind it: R-L10 overdue, R-L2 re-lent to an enterprise. */
/** A later finding that the loan's money went to an enterprise (R-L2). */
export interface LoanFinding {
  id: string; ruleId: string; description: string; enterprise: string; amount: string; foundOn: string;
  recordedById: string; recordedByName: string | null; recordedAt: string;
}
/** GET /loans: one page of the filtered list, with the count and sums of the whole list. */
export interface LoanList { total: number; amount: string; outstanding: string; rejected: { count: number; amount: string }; items: Loan[] }
export interface LoanDetail {
  loan: Loan;
  /** R-L7: the responsible lending officer, once disbursed */
  responsibleOfficer: { id: string; displayName: string } | null;
  decisions: (Omit<Decision, 'round' | 'actionLabel'> & { actionLabel: Label | null })[];
  tasks: { id: string; step: string; stepLabel: Label; status: string; assigneeName: string; openedAt: string; closedAt: string | null }[];
  repayments: { id: string; paymentId: string; amount: string; paidOn: string; reference: string | null; outstandingAfter: string; recordedAt: string }[];
  /** R-L2 findings, oldest first */
  findings: LoanFinding[];
  notices: { seq: number; kind: string; kindLabel: Label | null; date: string; daysFromDue: number; recipients: string[]; outstanding: string; interview: boolean; accountability: boolean }[];
  audit: RequestDetail['audit'];
}
/** GET /tasks/:id/context: what the decision moves, without and with the subject, and the earlier opinions. */
export interface BeforeAfter { before: string; after: string; amount: string; counted: boolean }
export interface DecisionContext {
  resources?: (BeforeAfter & { fiscalYear: number; availableResources: string }) | null;
  advances?: (BeforeAfter & { fiscalYear: number; cap: string; held: string }) | null;
  borrower?: { outstandingCount: number; outstanding: string; overdueCount: number; overdue: string; overdueLoans: { number: string; outstanding: string; dueDate: string | null }[] };
  opinions: (Omit<Decision, 'round' | 'actionLabel'> & { actionLabel: Label | null })[];
}
export interface AdvancesPosition extends YearAdvances {
  fiscalYear: number; asOf: string; capPercent: string; current?: boolean;
  overdue: { count: number; outstanding: string; ageing: Record<string, { count: number; outstanding: string }> };
  /** the county's balance by origin: opening stock, then loans by the year they were disbursed in */
  byOrigin?: { origin: 'loan' | 'opening_stock'; fiscalYear: number | null; count: number; outstanding: string }[];
  stockAgeing?: Record<string, { count: number; outstanding: string }>;
}
export interface StockRowError { row: number; column: string; message: string }
export interface LedgerRow {
  id: string; number: string; origin: string; loanId: string | null; debtor: string; debtorKindLabel: Label | null; kind: string; kindLabel: Label | null;
  amount: string; outstanding: string; arisenOn: string; fiscalYear: number; responsibleOfficer: string | null; status: string; recoverFirst: boolean;
}
export interface Milestone { id: string; dueOn: string; target: string; note: string; status: 'met' | 'missed' | 'at_risk' | 'on_track' | 'unknown'; balance: string | null; projected: string | null }
export interface ReductionPlan { today: string; balance: string; history: { day: string; outstanding: string }[]; milestones: Milestone[] }
