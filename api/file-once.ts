import type { Tx, PrismaClient } from '../prisma/client';
import { isUniqueViolation } from './start-workflows';
import { assertSameFiling } from './filing';

export interface FileOnceOptions<Row> {
  prisma: PrismaClient;
  /** the row under the id derived from the Idempotency-Key (null when not filed yet) */
  find: () => Promise<Row | null>;
  /** writes the row and its audit event in one transaction */
  create: (tx: Tx) => Promise<Row>;
  /** what a retry must repeat: the filed content as the row keeps it */
  filed: (row: Row) => unknown;
  /** the same, for what was just submitted */
  submitted: unknown;
}

/**
 * Files a row exactly once per id: a retry finds the row its first attempt wrote (and must have sent the
 * same content); two concurrent attempts race on the primary key and the loser answers with the winner's row.
 */
export async function fileOnce<Row>({ prisma, find, create, filed, submitted }: FileOnceOptions<Row>): Promise<Row> {
  const existing = await find();
  if (existing) {
    assertSameFiling(filed(existing), submitted);
    return existing;
  }
  try {
    return await prisma.$transaction((tx) => create(tx));
  } catch (err) {
    const winner = isUniqueViolation(err) ? await find() : null;
    if (!winner) throw err;
    assertSameFiling(filed(winner), submitted);
    return winner;
  }
}

/** The next human number of a kind, e.g. ZC-2026-000012, from its PostgreSQL sequence. */
export async function nextNumber(tx: Tx, sequence: 'policy_number_seq' | 'change_of_use_number_seq', prefix: string, fiscalYear: number): Promise<string> {
  // The sequence name is one of two constants, never input.
  const [{ seq }] = await tx.$queryRawUnsafe<{ seq: bigint }[]>(`SELECT nextval('${sequence}') AS seq`);
  return `${prefix}-${fiscalYear}-${String(seq).padStart(6, '0')}`;
}
