import { AppError } from './errors';

/** JSON with keys sorted, so a stored jsonb body (whose keys PostgreSQL reorders) compares with a parsed one. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A retry must carry what the first attempt filed; the same key with another body is refused. */
export function assertSameFiling(stored: unknown, submitted: unknown): void {
  if (stored !== undefined && canonical(stored) !== canonical(submitted)) {
    throw new AppError(422, 'idempotency_key_reused', '此 Idempotency-Key 已用于另一请求 / this Idempotency-Key was used for a different request');
  }
}

/**
 * The row is saved but its workflow could not be started now: say so truthfully. The reconciler
 * starts it later, and a retry with the same Idempotency-Key starts it at once and answers the row.
 */
export function workflowNotStarted(err: unknown, number: string): AppError {
  console.error('could not start the workflow of', number, err);
  return new AppError(503, 'workflow_unavailable',
    `审批流程服务暂不可用：${number} 已保存，流程将在服务恢复后自动启动；可用相同的 Idempotency-Key 重试查看 / the workflow service is unavailable: ${number} is saved and its approval starts once the service is back; retry with the same Idempotency-Key to see it`);
}

/**
 * Starts a filed row's workflow unless it is known to run (a retry joins the running one; the
 * reconciler starts what a crash left unstarted), answering 503 when Temporal cannot be reached.
 */
export async function ensureWorkflowStarted(row: { number: string; workflowStartedAt: Date | null }, start: () => Promise<void>): Promise<void> {
  if (row.workflowStartedAt) return;
  try {
    await start();
  } catch (err) {
    throw workflowNotStarted(err, row.number);
  }
}
