import type pg from 'pg';

const pools = new WeakMap<object, pg.Pool>();

/** Remembers the pg pool under a Prisma client (createPrisma does this). */
export function registerPool(prisma: object, pool: pg.Pool): void {
  pools.set(prisma, pool);
}

/**
 * Sends one statement straight through the pg pool under `prisma`, for the hot statements that run
 * outside a transaction (recording each e-mail and its decision links). Prisma spends about a
 * millisecond of CPU on any statement, raw ones too; pg alone a tenth to a third of that, and a step's
 * mail sends several. Values come back as pg reads them (numeric as text, `timestamp` as a Date in the
 * process's time zone), so callers select nothing whose reading differs. A client made elsewhere
 * (no pool known) goes through Prisma, with the same placeholders ($1, $2…).
 */
export async function directQuery<R>(prisma: { $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T> }, text: string, values: unknown[]): Promise<R[]> {
  const pool = pools.get(prisma);
  if (!pool) return prisma.$queryRawUnsafe<R[]>(text, ...values);
  return (await pool.query(text, values)).rows as R[];
}

/** `directQuery` for a statement built with Prisma.sql (its `$1…` text and values). */
export function directSql<R>(prisma: Parameters<typeof directQuery>[0], sql: { text: string; values: unknown[] }): Promise<R[]> {
  return directQuery<R>(prisma, sql.text, sql.values);
}
