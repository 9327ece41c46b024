import { DatabaseError } from 'pg';
import type { Request, Response } from 'express';
import { errorHandler } from '../../api/errors';

/** What the API answers for an error, as the caller sees it: status, Retry-After and the error's code. */
function answer(err: unknown) {
  const seen: { status?: number; headers: Record<string, string>; body?: { error: { code: string } } } = { headers: {} };
  const res = {
    set(k: string, v: string) { seen.headers[k] = v; return this; },
    status(s: number) { seen.status = s; return this; },
    json(b: { error: { code: string } }) { seen.body = b; return this; },
  } as unknown as Response;
  errorHandler(err, {} as Request, res, () => undefined);
  return { status: seen.status, retryAfter: seen.headers['Retry-After'], code: seen.body?.error.code };
}

const pgError = (message: string, code: string, severity = 'ERROR') => Object.assign(new DatabaseError(message, 0, 'error'), { code, severity });

describe('errors of statements sent straight on the pg pool are classified like Prisma’s', () => {
  it('a value PostgreSQL refuses (SQLSTATE class 22, e.g. a NUL byte) is the caller’s fault: 400', () => {
    expect(answer(pgError('invalid byte sequence for encoding "UTF8": 0x00', '22021'))).toMatchObject({ status: 400, code: 'invalid_input' });
  });

  it('a server shutting down or a lost connection is a dependency down: 503 with Retry-After', () => {
    for (const err of [pgError('terminating connection due to administrator command', '57P01', 'FATAL'), new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })]) {
      const a = answer(err);
      expect(a.status).toBe(503);
      expect(a.retryAfter).toBeDefined();
    }
  });

  it('any other pg error stays a 500 that leaks nothing', () => {
    expect(answer(pgError('syntax error at or near "SELEC"', '42601'))).toMatchObject({ status: 500, code: 'internal' });
  });
});
