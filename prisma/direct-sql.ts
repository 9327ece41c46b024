import type pg from 'pg';
import type { Prisma } from '../generated/prisma/client';

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

/** What a transaction's raw statements need; a Prisma transaction client has it too. */
export interface SqlTx {
  $executeRaw(query: Prisma.Sql): Promise<number>;
  $queryRaw<T = unknown>(query: Prisma.Sql): Promise<T>;
}

/**
 * Runs `fn` in one transaction on a client of the pg pool under `prisma`: for transactions of raw
 * statements only (a decision with its effect on the year's funds), where Prisma's interactive
 * transaction costs more CPU than the statements in it. Rolled back if `fn` throws. Values come
 * back as pg reads them (see directQuery). A client made elsewhere runs it as a Prisma transaction.
 */
export async function sqlTransaction<T>(
  prisma: { $transaction<R>(fn: (tx: SqlTx) => Promise<R>): Promise<R> }, fn: (tx: SqlTx) => Promise<T>,
): Promise<T> {
  const pool = pools.get(prisma);
  if (!pool) return prisma.$transaction(fn);
  const client = await pool.connect();
  const tx: SqlTx = {
    $executeRaw: async (q) => (await client.query(q.text, q.values)).rowCount ?? 0,
    $queryRaw: async <R>(q: Prisma.Sql) => (await client.query(q.text, q.values)).rows as R,
  };
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(tx);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that cannot even roll back is dropped from the pool rather than reused.
    await client.query('ROLLBACK').catch((e: Error) => { broken = e; });
    throw err;
  } finally {
    client.release(broken);
  }
}
