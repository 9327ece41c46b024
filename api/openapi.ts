import { z } from 'zod';
import { ZPreferences } from './auth/router';
import { ZAgendaItems, ZCreateMeeting, ZFiscalYearChange, ZFiscalYearFigures, ZMeetingOutcomes, RULES, ZHandOverInput, ZConsultationRequest, ZConsultationAnswer, ZAbsenceInput } from '../domain';
import { ZListConsultations } from './consultations/router';
import { ZLogin } from './auth/router';
import { ZListBudgetRequests, ZResubmitBudgetRequest, ZSubmitBudgetRequest, ZWithdrawBudgetRequest } from './budget-requests/schema';
import { ZDecisionWithCopy, ZListTasks } from './tasks/router';
import { ZCopy } from './approval/copies';
import { ZListUsers } from './users/router';
import { ZListFiled } from './filed/schema';
import { ZCreateLoan, ZDisburseLoan, ZListLoans, ZRecordFinding, ZRecordRepayment, ZResumeDisbursements, ZSuspendDisbursements, ZWithdrawLoan } from './loans/schema';
import { DASHBOARD_LISTS, ZDashboardListQuery, ZDashboardQuery } from './dashboard/schema';
import { ZYearNumber } from './year-param';
import { XLSX_TYPE } from './workbook';
import { ZFilePolicy, ZListPolicies } from './policies/schema';
import { ZFileChangeOfUse, ZListChangesOfUse } from './changes-of-use/schema';
import { ZListMeetings, ZPendingQuery } from './meetings/router';
import { NUDGE_PATHS, ZNudge } from './approval/nudge';

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a request schema, generated from the same zod the API validates with. */
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const ZViolation = z.object({ ruleId: z.enum(Object.keys(RULES) as [string, ...string[]]), zh: z.string(), en: z.string(), field: z.string().optional(), detail: z.string() });
const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    violations: z.array(ZViolation).optional(),
  }),
});

// Answers of the fiscal-year endpoints; amounts are yuan strings with two decimals.
const yuanText = z.string().regex(/^-?\d+\.\d{2}$/);
const ZYearAdvances = z.object({
  outstanding: yuanText, reserved: yuanText, held: yuanText, cap: yuanText, expenditure: yuanText, ratioPercent: z.string(), heldPercent: z.string(), headroom: yuanText,
  overCap: z.boolean().describe('held advances exceed the R-L8 cap'), excess: yuanText.describe('by how much; 0.00 within the cap'),
});
const ZFiscalYearAnswer = z.object({
  year: z.number().int(), generalBudgetExpenditure: yuanText, fundBudgetExpenditure: yuanText, availableResources: yuanText,
  reserved: yuanText, committed: yuanText, remaining: yuanText, updatedAt: z.string(),
  advances: ZYearAdvances.optional().describe('R-L8 cap and held advances; for bureau roles, leaders and auditors'),
});

const json = (s: z.ZodType) => ({ content: { 'application/json': { schema: schema(s) } } });
const retryAfter = { 'Retry-After': { description: 'Seconds after which a retry may succeed', schema: { type: 'integer', minimum: 1 } } };
const err = (description: string, extra: object = {}) => ({ description, ...json(ZError), ...extra });
const errors = {
  400: err('Invalid input: every bad field is named'),
  401: err('Not logged in, or the session expired or was idle too long'),
  403: err('Wrong role or another unit'),
  409: err('Stale task or state'),
  422: err('A rule of the plan refuses it (rule ID and Chinese wording)'),
};
const notFound = err('No such record (or an id the database cannot hold)');
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const okWith = (description: string, s: z.ZodType) => ({ description, ...json(s) });
/** A list as JSON, or with format=xlsx the whole filtered list as an Excel workbook. */
const okOrXlsx = (description: string) => ({ description, content: { ...ok('').content, [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } });
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'A retried request with the same key returns the first answer.' };
const query = (s: z.ZodObject) => Object.entries(schema(s).properties ?? {}).map(([name, sch]) => ({ name, in: 'query', required: false, schema: sch }));
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const yearParam = (name: string) => ({ name, in: 'path', required: true, schema: schema(z.object({ year: ZYearNumber })).properties!.year });

const ZHealth = z.object({ ok: z.boolean(), checks: z.object({ postgres: z.enum(['up', 'down']), temporal: z.enum(['up', 'down']) }), error: z.object({ code: z.string(), message: z.string() }).optional() });
const health = (summary: string) => ({ get: { summary, security: [], responses: { 200: okWith('Ready', ZHealth), 503: { description: 'Not ready: the body names what is down', headers: retryAfter, ...json(ZHealth) } } } });

// Answers every operation can give besides its own: a dependency down (503); for signed-in ones 401; with a body, what body-parser refuses.
const dependencyDown = { 503: err('PostgreSQL or Temporal is down: retry after Retry-After seconds', { headers: retryAfter }) };
const bodyRefusals = {
  400: errors[400],
  413: err('The body is larger than 256 kB'),
  415: err('A charset other than UTF-8, or a Content-Encoding other than gzip, deflate, br'),
};

/** Adds the answers every operation shares, so the document lists every status the API really returns. */
interface Operation { summary: string; security?: unknown[]; requestBody?: unknown; parameters?: { in: string; [k: string]: unknown }[]; responses: Record<string, unknown> }
function withSharedAnswers(paths: Record<string, Record<string, Operation>>) {
  for (const operations of Object.values(paths)) {
    for (const op of Object.values(operations)) {
      const shared = {
        ...dependencyDown,
        ...(op.security?.length === 0 ? {} : { 401: errors[401] }),
        ...(op.requestBody ? bodyRefusals : {}),
        ...(op.parameters?.some((p) => p.in === 'path' || p.in === 'query') ? { 400: errors[400] } : {}),
      };
      op.responses = { ...shared, ...op.responses };
    }
  }
  return paths;
}

/** The OpenAPI document served at /api/openapi.json. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: '县级财政追加预算与借款审批 API / County finance approvals API',
      version: '0.1.0',
      description: 'Supplementary budgets (追加预算) under the county plan. Refusals cite rule IDs (R-B*, R-L*) with the plan’s Chinese wording.',
    },
    servers: [{ url: `${serverUrl}/api` }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/health/live': { get: { summary: 'Liveness: the process answers', security: [], responses: { 200: ok('{ ok: true }') } } },
      '/health/ready': health('Readiness: PostgreSQL and Temporal answer (503 naming which is down)'),
      '/health': health('Same as /health/ready'),
      ...withSharedAnswers({
      '/auth/login': { post: { summary: 'Log in; returns a bearer token. Failed logins are limited per username and per client address', security: [], requestBody: json(ZLogin), responses: { 200: ok('Token and user'), 401: err('Wrong username or password'), 429: err('Too many failed logins for this username or address (Chinese and English message)', { headers: retryAfter }) } } },
      '/auth/logout': { post: { summary: 'Log out: the bearer token stops working at once', responses: { 204: { description: 'Session ended' }, 401: errors[401] } } },
      '/me': { get: { summary: 'The signed-in user and their roles', responses: { 200: ok('User'), 401: errors[401] } } },
      '/me/preferences': { put: { summary: 'My preferences: mailEnglish (e-mails carry their English lines; Chinese always first)', requestBody: json(ZPreferences), responses: { 200: ok('User'), 400: errors[400], 401: errors[401] } } },
      '/me/filed': { get: { summary: 'What I filed (我发起的): my budget requests and loans in one list, newest first, paged (limit ≤ 100), with the total', parameters: query(ZListFiled), responses: { 200: ok('Filed items'), 400: errors[400] } } },
      '/units': { get: { summary: 'Budget units', responses: { 200: ok('Units') } } },
      '/users': { get: { summary: 'Users by role (id and display name only), e.g. role=treasury_officer to name the responsible lending officer (R-L7)', parameters: query(ZListUsers), responses: { 200: ok('Users'), 400: errors[400] } } },
      '/budget-requests': {
        post: { summary: 'File a supplementary-budget request (dept_clerk)', parameters: [idempotencyKey], requestBody: json(ZSubmitBudgetRequest), responses: { 201: ok('The request, now in finance review'), ...errors } },
        get: { summary: 'List requests (clerks see their own unit)', parameters: query(ZListBudgetRequests), responses: { 200: ok('Requests, 三保 first') } },
      },
      '/budget-requests/{id}': { get: { summary: 'A request with every round, decision, task, reservation, schedule and audit event', parameters: [idParam('id')], responses: { 200: ok('Request'), 403: errors[403], 404: notFound } } },
      '/budget-requests/{id}/resubmit': { post: { summary: 'Resubmit a returned request into the same request (dept_clerk of its unit)', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZResubmitBudgetRequest), responses: { 200: ok('Back in finance review'), ...errors } } },
      '/budget-requests/{id}/withdraw': { post: { summary: 'Withdraw a returned request', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZWithdrawBudgetRequest), responses: { 200: ok('Withdrawn'), ...errors } } },
      '/tasks': { get: { summary: 'My tasks (三保 first, then oldest)', parameters: query(ZListTasks), responses: { 200: ok('Tasks') } } },
      '/tasks/{id}': { get: { summary: 'One of my tasks', parameters: [idParam('id')], responses: { 200: ok('Task'), 403: errors[403], 404: notFound } } },
      '/tasks/{id}/context': { get: { summary: 'What the decision moves: R-B3 remaining resources or R-L8 advances headroom without and with the subject, the borrower’s outstanding and overdue loans, earlier opinions', parameters: [idParam('id')], responses: { 200: ok('DecisionContext'), 403: errors[403], 404: notFound } } },
      '/tasks/{id}/decision': { post: { summary: 'Decide a task: approve, reject, return, acknowledge or object; on the assignee’s behalf when it was handed to me or I stand in for them; 409 consultation_pending while an opinion I asked is unanswered, unless proceedAnyway; `copy` copies users on the step as it is decided (抄送)', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZDecisionWithCopy), responses: { 200: ok('Outcome'), ...errors, 404: notFound } } },
      '/tasks/{id}/copy': { post: { summary: 'Copy users (抄送) on one of my tasks\' step, for information: they read the request (抄送我的) and get an e-mail without decision links; they can never act on it', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZCopy), responses: { 201: ok('{ copied: the users newly copied }'), 400: errors[400], 403: errors[403], 404: notFound, 409: err('The step was decided by someone else (task_closed)') } } },
      '/copies': { get: { summary: '抄送我的: requests copied to me, newest first, with who copied them and why', responses: { 200: ok('{ items }') } } },
      '/tasks/{id}/hand-over': { post: { summary: 'Hand an open task over (转交) to someone holding the step’s role; they decide on the assignee’s behalf (422 naming toUserId, citing the step’s rule, otherwise); to its assignee: give it back', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZHandOverInput), responses: { 200: ok('The task and who holds it'), ...errors, 404: notFound } } },
      '/tasks/{id}/hand-over-candidates': { get: { summary: 'Who the task may be handed to', parameters: [idParam('id')], responses: { 200: ok('Users'), 403: errors[403], 404: notFound } } },
      '/tasks/{id}/consultations': {
        post: { summary: 'Ask opinions on a task before deciding it (加签/征求意见): each consultee gets an inbox entry and an e-mail; asking someone again changes nothing', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZConsultationRequest), responses: { 201: ok('The task’s consultations'), ...errors, 404: notFound } },
        get: { summary: 'The opinions I asked on this task', parameters: [idParam('id')], responses: { 200: ok('Consultations') } },
      },
      '/consultations': { get: { summary: 'Opinions asked of me (征求意见): waiting (while the step is open), answered or all', parameters: query(ZListConsultations), responses: { 200: ok('Consultations with their subjects'), 400: errors[400] } } },
      '/consultations/{id}': { get: { summary: 'One opinion asked of me (or by me), with its subject', parameters: [idParam('id')], responses: { 200: ok('Consultation'), 403: errors[403], 404: notFound } } },
      '/consultations/{id}/answer': { post: { summary: 'Answer an opinion asked of me with a comment (never a decision); the same answer again changes nothing, another is 409', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZConsultationAnswer), responses: { 200: ok('Consultation'), ...errors, 404: notFound } } },
      '/me/absences': {
        get: { summary: 'My absences (代理) and the colleagues I stand in for now', responses: { 200: ok('Absences') } },
        post: { summary: 'Set an absence: a substitute holding my roles and a period in China time; while it runs my tasks and task e-mails go to the substitute, who decides on my behalf', parameters: [idempotencyKey], requestBody: json(ZAbsenceInput), responses: { 201: ok('Absence'), ...errors } },
      },
      '/me/absences/{id}': { delete: { summary: 'End one of my absences now', parameters: [idParam('id')], responses: { 200: ok('Absence'), 404: notFound } } },
      '/dashboard': { get: { summary: 'Finance dashboard: pending approvals by step (oldest first), loans pending by step, available resources used vs left (R-B3), requests by status; clerks see their unit', parameters: query(ZDashboardQuery), responses: { 200: ok('Dashboard numbers'), 400: errors[400] } } },
      '/dashboard/lists/{list}': { get: { summary: 'The list behind a dashboard number (pending, reserved, committed, requests, pending-loans); format=xlsx exports it to Excel', parameters: [{ ...idParam('list'), schema: { type: 'string', enum: [...DASHBOARD_LISTS] } }, ...query(ZDashboardListQuery)], responses: { 200: okOrXlsx('Rows, or with format=xlsx an Excel workbook'), 400: errors[400] } } },
      '/loans': {
        post: { summary: 'Apply for a loan / temporary advance (dept_clerk of a first-level unit); R-L1–R-L5 and R-L9 are checked at once', parameters: [idempotencyKey], requestBody: json(ZCreateLoan), responses: { 201: ok('The loan, now in finance review'), ...errors } },
        get: { summary: 'List loans (clerks see their own unit) with their count and sums; overdue=true lists disbursed loans whose due date has come, overdueBucket=0-30|31-90|90+ those of one ageing bucket as /advances counts them, finding=true those with an R-L2 finding (flagged R-L2 转借企业); format=xlsx exports the whole filtered list to Excel', parameters: query(ZListLoans), responses: { 200: okOrXlsx('Loans, soonest due first, or with format=xlsx an Excel workbook'), 400: errors[400] } },
      },
      '/loans/{id}': { get: { summary: 'A loan with its decisions, tasks, repayments, R-L2 findings (with who recorded them), reminders/escalations sent, ladder snapshot and audit trail', parameters: [idParam('id')], responses: { 200: ok('Loan'), 403: errors[403], 404: notFound } } },
      '/loans/{id}/resubmit': { post: { summary: 'Resubmit a returned loan into the same loan (dept_clerk of its unit): the revised application, checked as at filing (R-L1–R-L5, R-L9), plus optional `round`', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZCreateLoan), responses: { 200: ok('Back in finance review, next round'), ...errors } } },
      '/loans/{id}/withdraw': { post: { summary: 'Withdraw a loan (dept_clerk of its unit): after a return, or before anyone has decided it', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZWithdrawLoan), responses: { 200: ok('Withdrawn'), ...errors } } },
      '/loans/{id}/disburse': { post: { summary: 'Disburse an approved loan (treasury_officer): R-L8 re-checked, due date fixed ≤ 1 year (R-L4), responsible officer named (R-L7); 202 when queued behind a suspension (R-M3)', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZDisburseLoan), responses: { 200: ok('Disbursed'), 202: ok('Queued until disbursements resume'), ...errors } } },
      '/loans/{id}/repayments': { post: { summary: 'Record a full or partial repayment (treasury_officer); over-repayment refused; the same paymentId again changes nothing', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZRecordRepayment), responses: { 201: ok('Recorded'), 200: ok('Recorded before (replayed)'), ...errors } } },
      '/loans/{id}/findings': { post: { summary: 'Record a later R-L2 finding (不得经预算单位再转借企业): money of a disbursed or closed loan found re-lent to an enterprise (finance_director, finance_reviewer, treasury_officer). Amount > 0 and at most the loan amount; foundOn a China date not in the future and not before disbursement; 409 loan_not_disbursed before disbursement', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZRecordFinding), responses: { 201: ok('The finding, and the loan now flagged R-L2'), 400: errors[400], 403: errors[403], 404: notFound, 409: errors[409] } } },
      // Approval records of a budget request, loan, policy or change of use (api/records): the same paths under each one's page
      ...Object.fromEntries(['/budget-requests/{id}', '/loans/{id}', '/policies/{id}', '/changes-of-use/{id}'].flatMap((base) => [
        [`${base}/audit-chain`, { get: { summary: 'Verify the tamper-evident audit chain of the request: recomputes every event\'s SHA-256 and link; names the first broken link (content_changed, link_broken, event_missing) and the head hash', parameters: [idParam('id')], responses: { 200: ok('{ chain: { intact, events, headHash, firstBroken } }'), 403: errors[403], 404: notFound } } }],
        [`${base}/approval-form.pdf`, { get: { summary: 'The printable 审批单 (PDF): the request, every round, every decision with names and China times, meeting and resolution references, rules applied, attachments with SHA-256, the audit chain head', parameters: [idParam('id')], responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, 403: errors[403], 404: notFound } } }],
        [`${base}/attachments`, {
          get: { summary: 'Files attached to the request\'s steps (name, type, size, SHA-256, uploader, round and step, comment) and the size limit', parameters: [idParam('id')], responses: { 200: ok('{ items, maxBytes }'), 403: errors[403], 404: notFound } },
          post: {
            summary: 'Attach a file (the raw body) to the request\'s current step, with fileName and an optional comment in the query. PDF, images (PNG, JPEG, GIF, WebP) and Office documents, recognised by content; a retry with the same Idempotency-Key returns the first attachment. Auditors: 403',
            parameters: [idParam('id'), idempotencyKey, { name: 'fileName', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } }, { name: 'comment', in: 'query', required: false, schema: { type: 'string', maxLength: 2000 } }],
            responses: { 201: ok('{ attachment }'), 200: ok('Attached before (replayed)'), 403: errors[403], 404: notFound, 413: err('The file exceeds ATTACHMENT_MAX_MB (default 20 MB); the message names the limit'), 415: err('Not a PDF, image or Office document by its content; the message lists what is accepted'), 422: err('Idempotency-Key used for another file') },
          },
        }],
        [`${base}/comments`, { post: { summary: 'Comment on the request\'s current step (in its history and audit chain). Auditors: 403', parameters: [idParam('id'), idempotencyKey], requestBody: json(z.object({ comment: z.string().min(1).max(2000) })), responses: { 201: ok('{ comment }'), 403: errors[403], 404: notFound } } }],
      ])),
      '/attachments/{id}': { get: { summary: 'Download an attached file, for whoever may read its request (X-Content-SHA256 carries its hash)', parameters: [idParam('id')], responses: { 200: { description: 'The file as uploaded' }, 403: errors[403], 404: notFound } } },
      '/audit-chain': { get: { summary: 'Seal and verify the county-wide audit chain (finance bureau and auditors): every committed event linked in order; names the first broken link', responses: { 200: ok('{ chain }'), 403: errors[403] } } },
      '/working-days': { get: { summary: 'China working days (工作日): the date `add` working days after `from`, or the working days from `from` to `to`; each date with its holiday and whether the calendar is official or to be confirmed (2027)', parameters: [{ name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } }, { name: 'add', in: 'query', required: false, schema: { type: 'integer' } }, { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date' } }], responses: { 200: ok('{ from, to, workingDays }') } } },
      // 催办 on every chain's subject: the same two paths under each
      ...Object.fromEntries(Object.values(NUDGE_PATHS).flatMap((path) => [[`/${path}/{id}/nudge`, {
        get: { summary: 'Whether I may nudge (催办) the request\'s current approvers, how many open tasks it has, the interval, the last nudge and when the next is possible', parameters: [idParam('id')], responses: { 200: ok('{ mayNudge, openTasks, interval, lastNudgedAt, nextNudgeAt }'), 403: errors[403], 404: notFound } },
        post: { summary: 'Nudge (催办) the holders of the request\'s open tasks (the applying unit\'s dept_clerk, finance_reviewer, finance_director): each gets an e-mail with fresh decision links saying who nudged and how long the task has waited. At most once per NUDGE_INTERVAL (default 1 working day) per request: 429 nudge_too_soon with the time left, retryAt and Retry-After', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZNudge), responses: { 202: ok('{ nudgeId, notified, nextNudgeAt }'), 403: errors[403], 404: notFound, 409: err('Nobody holds an open task (nothing_to_nudge)'), 429: err('Nudged too recently (nudge_too_soon): the message says when to retry; Retry-After') } },
      }]])),
      '/policies': {
        post: { summary: 'File a major spending-increase policy (重大增支政策, R-B9) with its yearly cost (dept_clerk of the drafting unit); it starts at the finance bureau’s affordability assessment', parameters: [idempotencyKey], requestBody: json(ZFilePolicy), responses: { 201: ok('The policy, at the affordability assessment'), ...errors } },
        get: { summary: 'List policies, newest first: clerks see their own unit’s and every policy in force (status=in_force: the ones a budget request may implement)', parameters: query(ZListPolicies), responses: { 200: ok('Policies'), 400: errors[400] } },
      },
      '/policies/{id}': { get: { summary: 'A policy with its assessment, meeting and filing references, decisions, tasks, audit trail and the budget requests implementing it', parameters: [idParam('id')], responses: { 200: ok('Policy'), 403: errors[403], 404: notFound } } },
      '/changes-of-use': {
        post: { summary: 'Ask to move budgeted money to another use (预算调剂, R-B10; dept_clerk); money meant for 三保 cannot be moved to other uses (422 R-B10)', parameters: [idempotencyKey], requestBody: json(ZFileChangeOfUse), responses: { 201: ok('The request, in finance review'), ...errors } },
        get: { summary: 'List changes of use (clerks see their own unit), 三保 money first', parameters: query(ZListChangesOfUse), responses: { 200: ok('Changes of use'), 400: errors[400] } },
      },
      '/changes-of-use/{id}': { get: { summary: 'A change of use with its decisions, tasks and audit trail', parameters: [idParam('id')], responses: { 200: ok('Change of use'), 403: errors[403], 404: notFound } } },
      '/meetings': {
        post: { summary: 'Create a meeting (executive or office: meeting_secretary) or an NPC standing-committee session (npc_liaison): kind, number (unique), China date, attendees', parameters: [idempotencyKey], requestBody: json(ZCreateMeeting), responses: { 201: ok('The meeting'), ...errors } },
        get: { summary: 'Meetings, latest date first, with how many agenda items are decided', parameters: query(ZListMeetings), responses: { 200: ok('Meetings') } },
      },
      '/meetings/pending-items': { get: { summary: 'The keeper\'s open tasks at the steps a sitting of this kind decides (budgets, loans, policies), each with the open agenda it is already on', parameters: query(ZPendingQuery), responses: { 200: ok('Items'), 403: errors[403] } } },
      '/meetings/{id}': { get: { summary: 'A meeting with its minutes and agenda (clerks: their own unit\'s items)', parameters: [idParam('id')], responses: { 200: ok('Meeting'), 404: notFound } } },
      '/meetings/{id}/minutes': {
        post: {
          summary: 'Upload the minutes (the raw body; PDF, images or Office documents recognised by content); replaces the listed minutes',
          parameters: [idParam('id'), idempotencyKey, { name: 'fileName', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } }],
          responses: { 201: ok('The meeting'), 200: ok('Uploaded before (replayed)'), 403: errors[403], 404: notFound, 413: err('The file exceeds ATTACHMENT_MAX_MB'), 415: err('Not a PDF, image or Office document by its content') },
        },
        get: { summary: 'Download the minutes (bureau-wide roles; X-Content-SHA256 carries the hash)', parameters: [idParam('id')], responses: { 200: { description: 'The file as uploaded' }, 403: errors[403], 404: notFound } },
      },
      '/meetings/{id}/items': { post: { summary: 'Put items waiting at a step the sitting decides on its agenda; all or nothing: 422 not_for_agenda names each refused item and why (not at such a step, already on another open agenda)', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZAgendaItems), responses: { 200: ok('The meeting'), ...errors, 404: notFound } } },
      '/meetings/{id}/items/{itemId}': { delete: { summary: 'Take an undecided item off the agenda (409 once decided)', parameters: [idParam('id'), idParam('itemId')], responses: { 200: ok('The meeting'), 403: errors[403], 404: notFound, 409: errors[409] } } },
      '/meetings/{id}/outcomes': { post: { summary: 'The one outcome form: each item decided through its own workflow update (the decide command) with the meeting\'s kind and number or the session\'s resolution; results per item: decided, already_decided, refused (with the item\'s own error, e.g. R-L6), pending. Re-submitting decides nothing twice', parameters: [idParam('id'), idempotencyKey], requestBody: json(ZMeetingOutcomes), responses: { 200: ok('{ results, meeting }'), ...errors, 404: notFound } } },
      '/advances': { get: { summary: 'The county\'s advances position (R-L8, R-M2) against the current China fiscal year\'s cap: the ledger\'s outstanding balance (every year\'s loans and the opening stock) plus approved-not-disbursed, 5% cap, ratio, headroom, overCap and excess, the balance by origin (opening stock, loans by year disbursed), overdue ageing 0–30/31–90/90+ days of every ledger row (stockAgeing: the opening stock\'s part)', responses: { 200: ok('Position'), 403: errors[403], 404: ok('The current year\'s figures are not entered (names what the director must enter)') } } },
      '/advances/{fiscalYear}': { get: { summary: 'The same county-wide position measured against the figures of the given fiscal year', parameters: [yearParam('fiscalYear')], responses: { 200: ok('Position'), 403: errors[403], 404: err('Fiscal year not set') } } },
      '/disbursement-suspension': {
        get: { summary: 'Whether disbursements are suspended (R-M3)', responses: { 200: ok('Switch') } },
        post: { summary: 'Suspend disbursements (finance_director, R-M3): disbursements wait, nothing is lost', parameters: [idempotencyKey], requestBody: json(ZSuspendDisbursements), responses: { 200: ok('Switch'), ...errors } },
        delete: { summary: 'Resume disbursements (finance_director); queued disbursements go out', requestBody: json(ZResumeDisbursements), responses: { 200: ok('Switch'), ...errors } },
      },
      '/fiscal-years': { get: { summary: 'Fiscal-year figures with reserved, committed and remaining amounts (R-B3) and, for bureau roles, leaders and auditors, the advances cap and held advances (R-L8)', responses: { 200: okWith('Years, newest first', z.object({ items: z.array(ZFiscalYearAnswer) })) } } },
      '/fiscal-years/{year}/changes': { get: { summary: 'Every setting of the year’s figures, newest first: who, when, before and after, reason and document reference', parameters: [yearParam('year')], responses: { 200: ok('Changes') } } },
      '/fiscal-years/{year}': {
        get: { summary: 'One fiscal year', parameters: [yearParam('year')], responses: { 200: okWith('Year', z.object({ fiscalYear: ZFiscalYearAnswer })), 404: err('Not set') } },
        put: {
          summary: 'Set a fiscal year’s figures (finance_director). R-B3 refuses available resources below what is reserved and committed (422); figures that put the R-L8 cap below the advances already held are saved and answered with an R-L8 warning stating the excess. Changing a recorded year requires `reason` and `documentReference` (400 naming them), kept in the audit trail',
          parameters: [yearParam('year')], requestBody: json(ZFiscalYearFigures.extend(ZFiscalYearChange.partial().shape)),
          responses: { 200: okWith('Year, with warnings (rules the figures already break, e.g. R-L8)', z.object({ fiscalYear: ZFiscalYearAnswer, warnings: z.array(ZViolation) })), ...errors },
        },
      },
    }),
    },
  };
}

/** A docs page rendering the document with Swagger UI, served from the installed package (no inline script: the CSP forbids it). */
export const docsPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API 文档 / API docs</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

/** Starts Swagger UI on the docs page; no validator badge (it would call a server on the internet). */
export const docsInit = "SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', validatorUrl: null });\n";
