import { ApplicationFailure } from '@temporalio/activity';

/** The failure type of data PostgreSQL refuses: retrying the same input can never succeed. */
export const FAILURE_DATA_REJECTED = 'DataRejected';

/**
 * SQLSTATE class 22 (data exception: NUL or a lone surrogate in text or jsonb, a number out of
 * range, ...) and class 23 (integrity) except 23505: a unique violation is what a concurrent retry
 * of the same idempotent write meets, and its own retry then finds the row.
 */
const NON_RETRYABLE_SQLSTATE = /^(22[0-9A-Z]{3}|23(?!505)[0-9A-Z]{3})$/;
/** What Prisma and its pg adapter call the same refusals when they name them instead of passing the SQLSTATE. */
const DATA_ERROR_KINDS = new Set(['LengthMismatch', 'ValueOutOfRange', 'NullConstraintViolation', 'InvalidInputValue', 'MissingFullTextSearchIndex']);
const DATA_ERROR_PRISMA_CODES = new Set(['P2000', 'P2005', 'P2006', 'P2007', 'P2011', 'P2012', 'P2019', 'P2020', 'P2023']);

/** The SQLSTATE (or the adapter's name for it) of a data error anywhere in `err`'s causes, if any. */
export function dataErrorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 6) return undefined;
  const e = err as Record<string, unknown>;
  for (const key of ['code', 'originalCode'] as const) {
    const v = e[key];
    if (typeof v === 'string' && (NON_RETRYABLE_SQLSTATE.test(v) || DATA_ERROR_PRISMA_CODES.has(v))) return v;
  }
  if (typeof e.kind === 'string' && DATA_ERROR_KINDS.has(e.kind)) return e.kind;
  for (const key of ['cause', 'meta', 'driverAdapterError', 'error']) {
    const found = dataErrorCode(e[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `err` as a non-retryable failure when PostgreSQL refused the data itself; otherwise unchanged. */
export function classifyDataError(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  const code = dataErrorCode(err);
  if (!code) return err;
  const detail = err instanceof Error ? err.message.split('\n').filter(Boolean).slice(-1)[0] : String(err);
  return ApplicationFailure.create({
    type: FAILURE_DATA_REJECTED, nonRetryable: true, details: [{ code }],
    message: `数据库拒绝了这些数据（${code}），重试无法成功 / the database refused this data (${code}): ${detail}`,
  });
}

type AnyFn = (...args: never[]) => Promise<unknown>;

/** Wraps every activity so a data error fails it at once instead of being retried for ever. */
export function withDataErrorsNonRetryable<T extends Record<string, AnyFn>>(activities: T): T {
  const wrapped: Record<string, AnyFn> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        throw classifyDataError(err);
      }
    };
  }
  return wrapped as T;
}
