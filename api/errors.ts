import type { ErrorRequestHandler } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DecisionRefusal, StockRowError, Violation } from '../domain';
import { FAILURE_DECISION_REFUSED, FAILURE_RULE_VIOLATION } from '../workflows/approval/messages';
import { log } from '../observability/request-context';
import { FAILURE_DATA_REJECTED } from '../workflows/shared';

export interface FieldError { field: string; message: string }

/** The one error type of the API: a stable code, a human message, and what exactly was wrong. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { fields?: FieldError[]; violations?: Violation[]; field?: string; task?: { id: string; url: string; api: string }; rows?: StockRowError[]; retryAt?: string } = {},
    /** seconds after which a retry may succeed (the Retry-After header); set on every 429 and 503 */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const badRequest = (fields: FieldError[]) =>
  new AppError(400, 'invalid_input', `请求内容有误 / invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields });
export const ruleRefusal = (violations: Violation[]) =>
  new AppError(422, 'rule_violation', violations.map((v) => `${v.ruleId}「${v.zh}」: ${v.detail}`).join('; '), { violations });
export const unauthorized = (message = '请先登录 / please log in', code = 'unauthorized') => new AppError(401, code, message);
export const forbidden = (message: string, code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, 'not_found', `未找到${what} / ${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

/** How long a caller should wait before retrying while a dependency is down. */
const DEPENDENCY_RETRY_SECONDS = 5;
const DOWN_MESSAGES = {
  postgres: '数据库暂时不可用，请稍后重试 / the database is unavailable; please retry shortly',
  temporal: '审批流程服务暂时不可用，请稍后重试 / the workflow service is unavailable; please retry shortly',
};
/** A dependency is down: 503 with Retry-After, not the caller's fault and not a bug. */
export const dependencyDown = (which: keyof typeof DOWN_MESSAGES) =>
  new AppError(503, `${which}_unavailable`, DOWN_MESSAGES[which], {}, DEPENDENCY_RETRY_SECONDS);

/** Turns a refused workflow update into the API's error, keeping the workflow's reason. */
export function fromWorkflowError(err: unknown): AppError | undefined {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    // The update may have been delivered and still land: say the outcome is unknown, not that nothing happened.
    return new AppError(503, 'workflow_unavailable', '审批流程服务暂时无响应，结果尚不确定，请稍后以相同内容（相同 Idempotency-Key）重试查看 / the workflow service did not answer in time; the outcome is not known yet, retry the same request (same Idempotency-Key) later to see it');
  }
  if (err instanceof WorkflowNotFoundError) {
    return new AppError(409, 'workflow_closed', '该申请的审批流程已结束 / this request’s approval process has ended');
  }
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  if (cause.type === FAILURE_RULE_VIOLATION) return ruleRefusal((cause.details?.[0] ?? []) as Violation[]);
  if (cause.type === FAILURE_DATA_REJECTED || (cause.cause instanceof ApplicationFailure && cause.cause.type === FAILURE_DATA_REJECTED)) {
    return new AppError(422, 'data_rejected', '数据库拒绝保存这些内容，请检查输入 / the database refused this content; please check the input');
  }
  if (cause.type === FAILURE_DECISION_REFUSED) {
    const r = cause.details?.[0] as DecisionRefusal;
    // A chain's refusal cites its rule (R-B2, R-L6) with the plan's wording, like the money rules.
    return new AppError(r.status, r.code, r.message, { ...(r.field ? { field: r.field } : {}), ...(r.violations ? { violations: r.violations } : {}) });
  }
  return undefined;
}

/** Maps every error to JSON once; a 500 never leaks internals. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const known = err instanceof AppError ? err : fromWorkflowError(err) ?? fromHttpError(err) ?? fromDependencyError(err) ?? fromDataError(err);
  if (known) {
    const retryAfter = known.retryAfterSeconds ?? (known.status === 503 ? DEPENDENCY_RETRY_SECONDS : undefined);
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    res.status(known.status).json({ error: { code: known.code, message: known.message, ...known.details } });
    return;
  }
  log().error({ err }, 'unexpected error');
  res.status(500).json({ error: { code: 'internal', message: '系统内部错误，请稍后重试 / internal error, please retry later' } });
};

// What body-parser and the router say about a request they refused (http-errors with a 4xx status).
const HTTP_ERRORS: Record<string, [code: string, message: string]> = {
  'entity.parse.failed': ['invalid_json', '请求体不是有效的 JSON / the body is not valid JSON'],
  'entity.too.large': ['body_too_large', '请求体过大 / the body is larger than the server accepts'],
  'charset.unsupported': ['unsupported_charset', '不支持的字符集，请使用 UTF-8 / unsupported charset; send UTF-8'],
  'encoding.unsupported': ['unsupported_encoding', '不支持的内容编码，请使用 gzip、deflate、br 或不压缩 / unsupported Content-Encoding; use gzip, deflate, br or none'],
  'request.aborted': ['request_aborted', '请求在发送完之前中断 / the request was aborted before its body arrived'],
};

/** A client fault found by body-parser or the router (status 4xx): that status, with a clear message. */
function fromHttpError(err: unknown): AppError | undefined {
  const e = err as { status?: unknown; statusCode?: unknown; type?: string; message?: string } | undefined;
  const status = Number(e?.status ?? e?.statusCode);
  if (!(status >= 400 && status < 500)) return undefined;
  const [code, message] = HTTP_ERRORS[e?.type ?? ''] ?? (
    /decode param/i.test(e?.message ?? '') ? ['invalid_path', '网址中的百分号编码无效 / the URL path has malformed percent-encoding']
    : ['bad_request', `请求有误 / bad request: ${e?.message ?? ''}`]);
  return new AppError(status, code, message);
}

// Prisma/pg signs that PostgreSQL cannot be reached or went away (P1001 can't reach, P1002/P1008 timeouts,
// P1017 closed, P2024 no pooled connection, P2028 no transaction could be started in time; SQLSTATE 08 connection, 53 resources, 57P shutdown).
const PG_DOWN_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const PG_DOWN_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);
const PG_DOWN_SQLSTATE = /^(08|53|57P)/;
const POOL_WAIT_TIMEOUT = /^timeout exceeded when trying to connect$/;
const PG_DOWN_MESSAGE = /Can't reach database|Connection terminated|connection (?:is )?closed|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Server has closed the connection/i;

interface DriverCause { kind?: string; code?: string; originalCode?: string }
/** The pg driver's error under a Prisma error, if any. */
function driverCause(err: unknown): DriverCause | undefined {
  const e = err as { name?: string; cause?: DriverCause; meta?: { driverAdapterError?: { cause?: DriverCause } } };
  if (e?.name === 'DriverAdapterError') return e.cause;
  return e?.meta?.driverAdapterError?.cause;
}
const sqlState = (c: DriverCause | undefined) => c?.originalCode ?? c?.code;
/** The SQLSTATE of pg's own error (a statement sent straight on the pool, prisma/direct-sql.ts): it carries a severity. */
const pgSqlState = (err: unknown): string | undefined => {
  const e = err as { severity?: unknown; code?: unknown } | undefined;
  return typeof e?.severity === 'string' && typeof e.code === 'string' ? e.code : undefined;
};
// pg's errors when its connection fails or the server goes away mid-statement (no SQLSTATE then).
const PG_CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|connect ECONNREFUSED|read ECONNRESET)/;

/** PostgreSQL or Temporal is down or unreachable: 503, so the caller retries instead of reporting a bug. */
function fromDependencyError(err: unknown): AppError | undefined {
  const e = err as { name?: string; code?: unknown; message?: string; cause?: { code?: unknown } } | undefined;
  if (!e) return undefined;
  const name = e.name ?? '';
  // pg-pool's own error when no pooled connection freed up in time: Prisma passes it on as a plain Error.
  if (POOL_WAIT_TIMEOUT.test(e.message ?? '')) return dependencyDown('postgres');
  if (name.startsWith('PrismaClient') || name === 'DriverAdapterError') {
    const cause = driverCause(err);
    if (name === 'PrismaClientInitializationError' || PG_DOWN_CODES.has(String(e.code)) || PG_DOWN_KINDS.has(cause?.kind ?? '')
      || PG_DOWN_SQLSTATE.test(sqlState(cause) ?? '') || PG_DOWN_MESSAGE.test(e.message ?? '')) return dependencyDown('postgres');
  }
  if (PG_DOWN_SQLSTATE.test(pgSqlState(err) ?? '') || PG_CONNECTION_LOST.test(e.message ?? '')) return dependencyDown('postgres');
  // @temporalio/client's ServiceError wraps the gRPC status: 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED.
  if (name === 'ServiceError' && [14, 4].includes(Number(e.cause?.code))) return dependencyDown('temporal');
  return undefined;
}

// Values PostgreSQL refuses to store or compare (SQLSTATE class 22: NUL bytes, numbers out of range, ...).
const PG_DATA_KINDS = new Set(['InvalidInputValue', 'ValueOutOfRange', 'LengthMismatch']);
const PRISMA_DATA_CODES = new Set(['P2000', 'P2006', 'P2007', 'P2020', 'P2023']);

/** A value the database cannot take, caught where no schema did: the caller's fault, so 400. */
function fromDataError(err: unknown): AppError | undefined {
  const e = err as { name?: string; code?: unknown; message?: string } | undefined;
  const name = e?.name ?? '';
  const direct = /^22/.test(pgSqlState(err) ?? '');
  if (!direct && !name.startsWith('PrismaClient') && name !== 'DriverAdapterError') return undefined;
  const cause = driverCause(err);
  // An unpaired UTF-16 surrogate cannot even be serialised into Prisma's query.
  if (direct || PRISMA_DATA_CODES.has(String(e?.code)) || PG_DATA_KINDS.has(cause?.kind ?? '') || /^22/.test(sqlState(cause) ?? '')
    || (name === 'PrismaClientUnknownRequestError' && /JSON Error/.test(e?.message ?? ''))) {
    return new AppError(400, 'invalid_input', '请求中含有无法保存的值（如 NUL 字符、不成对的代理项或超出范围的数字） / the request holds a value that cannot be stored (a NUL character, an unpaired surrogate or a number out of range)');
  }
  return undefined;
}
