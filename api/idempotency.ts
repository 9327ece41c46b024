import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { PrismaClient } from '../prisma/client';
import { AppError, conflict } from './errors';
import { log } from '../observability/request-context';
import { directQuery } from '../prisma/direct-sql';

// A call still in flight answers within the workflow deadline (30 s); after that the first attempt
// is presumed dead and a retry runs again — safe, since filings and decisions are exactly-once by id.
const IN_FLIGHT_TAKEOVER_MS = 35_000;

/**
 * `Idempotency-Key`: the first request with a key runs; a retry with the same key and body gets the
 * stored answer (header `Idempotent-Replayed: true`); the same key with another body is refused.
 */
export function idempotency(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (!key || !req.user) return next();
    if (key.length > 200) return next(new AppError(400, 'invalid_input', 'Idempotency-Key 过长 / Idempotency-Key is longer than 200 characters', { fields: [{ field: 'Idempotency-Key', message: 'at most 200 characters' }] }));
    const userId = req.user.userId;
    const fingerprint = createHash('sha256').update(`${req.method} ${req.originalUrl} ${JSON.stringify(req.body ?? null)}`).digest('hex');
    const where = { userId_key: { userId, key } };
    // One statement on the pg pool (createMany would wrap its INSERT in BEGIN/COMMIT): this runs before every retried-safe write.
    const created = (await directQuery(prisma, `
      INSERT INTO "IdempotencyRecord" ("userId", key, fingerprint, "createdAt") VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING RETURNING 1`,
    [userId, key, fingerprint])).length;
    if (created === 0) {
      const seen = await prisma.idempotencyRecord.findUniqueOrThrow({ where });
      if (seen.fingerprint !== fingerprint) {
        return next(new AppError(422, 'idempotency_key_reused', '此 Idempotency-Key 已用于另一请求 / this Idempotency-Key was used for a different request'));
      }
      if (seen.statusCode !== null) {
        res.set('Idempotent-Replayed', 'true').status(seen.statusCode).json(seen.responseBody);
        return;
      }
      if (Date.now() - seen.createdAt.getTime() < IN_FLIGHT_TAKEOVER_MS) {
        return next(conflict('request_in_progress', '相同请求正在处理中，请稍后重试 / the same request is still being processed; retry shortly'));
      }
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      // Remember definite answers; forget failures of ours so a retry can succeed.
      const settle = res.statusCode >= 500
        ? prisma.idempotencyRecord.delete({ where })
        : directQuery(prisma, `UPDATE "IdempotencyRecord" SET "statusCode" = $1, "responseBody" = $2::jsonb WHERE "userId" = $3 AND key = $4`,
          [res.statusCode, JSON.stringify(body ?? null), userId, key]);
      settle.catch((err) => log().error({ err }, 'idempotency record not saved')).finally(() => json(body));
      return res;
    };
    next();
  };
}
