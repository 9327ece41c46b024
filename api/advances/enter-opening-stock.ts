import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import { addYuan, Actor, fiscalYearOfDate, normalizeYuan, OpeningStockEntry, stockEntryFingerprint, toDateColumn } from '../../domain';
import { raiseOutstanding } from '../../activities/loan-cap';
import { writeAudit } from '../../activities/audit';

export interface EnterOpeningStockOptions {
  prisma: PrismaClient;
  actor: Actor;
  entries: OpeningStockEntry[];
  source: 'form' | 'import';
  /** SHA-256 of the uploaded file, for the audit trail */
  fileHash?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Adds opening-stock advances to the ledger in one transaction, each row once: a row's key is the hash
 * of its content (and of which identical copy in the file it is), and the insert skips keys already
 * there, so importing the same file twice, or a row first entered by form, adds nothing. The county's
 * outstanding balance rises by exactly what was added.
 */
export async function enterOpeningStock({ prisma, actor, entries, source, fileHash }: EnterOpeningStockOptions) {
  const seen = new Map<string, number>();
  const keyed = entries.map((e) => {
    const plain = stockEntryFingerprint(e, 0);
    const n = seen.get(plain) ?? 0;
    seen.set(plain, n + 1);
    return { e, entryKey: sha256(stockEntryFingerprint(e, n)) };
  });
  return prisma.$transaction(async (tx) => {
    const rows = [];
    for (const { e, entryKey } of keyed) {
      const [{ seq }] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('advance_stock_number_seq') AS seq`;
      rows.push({
        id: crypto.randomUUID(), number: `CL-${String(seq).padStart(6, '0')}`, origin: 'opening_stock', debtor: e.debtor, debtorKind: e.debtorKind,
        kind: e.kind, amount: e.amount, outstanding: e.amount, arisenOn: toDateColumn(e.arisenOn), fiscalYear: fiscalYearOfDate(e.arisenOn),
        responsibleOfficer: e.responsibleOfficer, note: e.note || null, status: 'open', entryKey, createdById: actor.userId,
      });
    }
    const added = await tx.advance.createManyAndReturn({ data: rows, skipDuplicates: true });
    const amount = addYuan('0.00', ...added.map((a) => normalizeYuan(a.amount)));
    if (added.length) await raiseOutstanding(tx, amount);
    await writeAudit(tx, {
      eventKey: `opening_stock:${crypto.randomUUID()}`, actorId: actor.userId, subjectType: 'advances', subjectId: 'county',
      data: { type: 'opening_stock_entered', source, added: added.length, skipped: rows.length - added.length, amount, ...(fileHash ? { fileHash } : {}) },
    });
    return { added, skipped: rows.length - added.length, amount };
  });
}
