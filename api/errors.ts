import type { ErrorRequestHandler } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DecisionRefusal, StockRowError, Violation } from '../domain';
import { FAILURE_DECISION_REFUSED, FAILURE_RULE_VIOLATION } from '../workflows/budget-messages';

export interface FieldError { field: string; message: string }

/** The one error type of the API: a stable code, a human message, and what exactly was wrong. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { fields?: FieldError[]; violations?: Violation[]; field?: string; rows?: StockRowError[] } = {},
  ) {
    super(message);
  }
}

export const badRequest = (fields: FieldError[]) =>
  new AppError(400, 'invalid_input', `请求内容有误 / invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields });
export const ruleRefusal = (violations: Violation[]) =>
  new AppError(422, 'rule_violation', violations.map((v) => `${v.ruleId}「${v.zh}」: ${v.detail}`).join('; '), { violations });
export const unauthorized = (message = '请先登录 / please log in') => new AppError(401, 'unauthorized', message);
export const forbidden = (message: string, code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, 'not_found', `未找到${what} / ${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

/** Turns a refused workflow update into the API's error, keeping the workflow's reason. */
export function fromWorkflowError(err: unknown): AppError | undefined {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError(503, 'workflow_unavailable', '审批流程服务暂时无响应，决定未被记录，请稍后重试 / the workflow service did not answer; nothing was decided, please retry');
  }
  if (err instanceof WorkflowNotFoundError) {
    return new AppError(409, 'workflow_closed', '该申请的审批流程已结束 / this request’s approval process has ended');
  }
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  if (cause.type === FAILURE_RULE_VIOLATION) return ruleRefusal((cause.details?.[0] ?? []) as Violation[]);
  if (cause.type === FAILURE_DECISION_REFUSED) {
    const r = cause.details?.[0] as DecisionRefusal;
    return new AppError(r.status, r.code, r.message, r.field ? { field: r.field } : {});
  }
  return undefined;
}

/** Maps every error to JSON once; a 500 never leaks internals. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const known = err instanceof AppError ? err : fromWorkflowError(err);
  if (known) {
    res.status(known.status).json({ error: { code: known.code, message: known.message, ...known.details } });
    return;
  }
  if (err?.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'invalid_json', message: '请求体不是有效的 JSON / the body is not valid JSON' } });
    return;
  }
  console.error('unexpected error', err);
  res.status(500).json({ error: { code: 'internal', message: '系统内部错误，请稍后重试 / internal error, please retry later' } });
};
