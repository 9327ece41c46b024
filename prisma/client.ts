import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { registerPool } from './direct-sql';
import { logger } from '../observability/logger';

export { PrismaClient };
export { Prisma } from '../generated/prisma/client';
export type { BudgetRequest, Loan } from '../generated/prisma/client';

/**
 * A Prisma client over the pg driver adapter (no native query engine; see README "Design").
 * Waiting for a pooled connection is bounded (pg's default waits forever, so a starved pool would
 * stall every activity and request silently): past it the caller fails, an activity retries and the
 * API answers 503. Interactive transactions get more room than Prisma's 5 s, which a busy machine
 * can exceed without anything being wrong.
 */
export function createPrisma(databaseUrl: string, poolSize = 10, connectionWaitMs = 15_000): PrismaClient {
  // One pool for Prisma and the few statements sent past it (direct-sql.ts); Prisma ends it on $disconnect.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: connectionWaitMs });
  // An idle connection the server closes (a restart, a fail-over, pg_terminate_backend) is an 'error'
  // event, which would end the process with nobody listening; the pool drops it and connects afresh.
  pool.on('error', (err) => logger.warn({ err: err.message }, 'database: a pooled connection was closed while idle; it is replaced on next use'));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
  registerPool(prisma, pool);
  return prisma;
}

/** The transaction client handed to `$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
