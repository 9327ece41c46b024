import { createHash } from 'node:crypto';
import type { PrismaClient } from '../prisma/client';
import type { AuditEntry } from './audit';
import { directQuery } from '../prisma/direct-sql';

/**
 * Verifying the tamper-evident audit trail. Each event's hash is made by PostgreSQL when it is written
 * (trigger `audit_event_chain`, migration `audit_chain`); this module recomputes it here, from the
 * stored text, with Node's own SHA-256, so a changed row, a changed trigger or a deleted event shows
 * as the first broken link. The county-wide chain links every committed event in the order it is
 * sealed (`sealCountyChain`), so writers never queue on one county-wide lock.
 */
export type BrokenReason = 'content_changed' | 'link_broken' | 'event_missing';

export interface BrokenLink {
  seq: number;
  eventId: string;
  eventKey: string;
  type: string;
  reason: BrokenReason;
}

export interface ChainVerdict {
  intact: boolean;
  events: number;
  /** hash of the last event: what the 审批单 prints */
  headHash: string | null;
  firstBroken: BrokenLink | null;
}

interface StoredEvent {
  id: bigint | string; // a string when read on the pg pool
  seq: number;
  eventKey: string;
  atText: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  type: string;
  dataText: string;
  prevHash: string | null;
  hash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of an event as the migration's `audit_event_hash` defines it. */
export const eventHash = (e: Omit<StoredEvent, 'id' | 'hash'>): string =>
  sha256([e.prevHash ?? '', String(e.seq), e.eventKey, e.atText, e.actorId ?? '', e.subjectType, e.subjectId, e.type, e.dataText].join('\n'));

const SELECT_EVENTS = `SELECT "id", "seq", "eventKey", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "atText", "actorId", "subjectType",
  "subjectId", "type", "data"::text AS "dataText", "prevHash", "hash" FROM "AuditEvent"`;

/** Recomputes one subject's chain from its first event and names the first link that does not hold. */
export async function verifySubjectChain(prisma: PrismaClient, subjectType: AuditEntry['subjectType'], subjectId: string): Promise<ChainVerdict> {
  return (await readSubjectChain(prisma, subjectType, subjectId)).verdict;
}

/** A subject's events as they are stored, oldest first, with the verdict on their chain: one read for the 审批单. */
export async function readSubjectChain(prisma: PrismaClient, subjectType: AuditEntry['subjectType'], subjectId: string): Promise<{
  verdict: ChainVerdict; events: { seq: number; at: Date; actorId: string | null; data: unknown }[];
}> {
  const rows = await directQuery<StoredEvent>(prisma, `${SELECT_EVENTS} WHERE "subjectType" = $1 AND "subjectId" = $2 ORDER BY "seq"`, [subjectType, subjectId]);
  // `at` is stored in UTC; its text is what the hash covers
  const events = rows.map((r) => ({ seq: r.seq, at: new Date(`${r.atText}Z`), actorId: r.actorId, data: JSON.parse(r.dataText) as unknown }));
  return { verdict: verdictOf(rows), events };
}

function verdictOf(rows: StoredEvent[]): ChainVerdict {
  let prev: StoredEvent | undefined;
  for (const row of rows) {
    const broken = brokenAt(row, prev);
    if (broken) return { intact: false, events: rows.length, headHash: rows.at(-1)!.hash, firstBroken: broken };
    prev = row;
  }
  return { intact: true, events: rows.length, headHash: prev?.hash ?? null, firstBroken: null };
}

function brokenAt(row: StoredEvent, prev: StoredEvent | undefined): BrokenLink | null {
  const at = (reason: BrokenReason): BrokenLink => ({ seq: row.seq, eventId: String(row.id), eventKey: row.eventKey, type: row.type, reason });
  if (row.seq !== (prev?.seq ?? 0) + 1) return at('event_missing');
  if (row.prevHash !== (prev?.hash ?? null)) return at('link_broken');
  if (eventHash(row) !== row.hash) return at('content_changed');
  return null;
}

const COUNTY_LOCK = "hashtextextended('audit:county', 0)";
const SEAL_BATCH = 1000;

/**
 * Links every committed event not yet in the county chain, oldest id first, under one advisory lock
 * (several API processes may seal at once). An event committed late behind a higher id is simply
 * linked at the next seal. Returns how many were linked.
 */
export async function sealCountyChain(prisma: PrismaClient): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${COUNTY_LOCK})`);
    const head = await tx.auditCountyLink.findFirst({ orderBy: { seq: 'desc' } });
    const events = await tx.$queryRawUnsafe<{ id: bigint; hash: string }[]>(
      `SELECT e."id", e."hash" FROM "AuditEvent" e WHERE NOT EXISTS (SELECT 1 FROM "AuditCountyLink" l WHERE l."eventId" = e."id") ORDER BY e."id" LIMIT ${SEAL_BATCH}`,
    );
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? null;
    const links = events.map((e) => {
      seq += 1;
      const link = { seq, eventId: e.id, prevHash, hash: countyLinkHash(prevHash, seq, e.hash) };
      prevHash = link.hash;
      return link;
    });
    if (links.length) await tx.auditCountyLink.createMany({ data: links });
    return links.length;
  });
}

const countyLinkHash = (prevHash: string | null, seq: number, eventHash: string): string => sha256([prevHash ?? '', String(seq), eventHash].join('\n'));

/** Seals what is pending, then recomputes the county chain: every link and every linked event's own hash. */
export async function verifyCountyChain(prisma: PrismaClient): Promise<ChainVerdict> {
  while ((await sealCountyChain(prisma)) === SEAL_BATCH) { /* seal the backlog in batches */ }
  let prev: { seq: number; hash: string } | undefined;
  let events = 0;
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<(StoredEvent & { linkSeq: number; linkPrev: string | null; linkHash: string })[]>(
      `SELECT l."seq" AS "linkSeq", l."prevHash" AS "linkPrev", l."hash" AS "linkHash", e.* FROM "AuditCountyLink" l
       JOIN LATERAL (${SELECT_EVENTS} WHERE "id" = l."eventId") e ON true WHERE l."seq" > $1 ORDER BY l."seq" LIMIT ${SEAL_BATCH}`,
      prev?.seq ?? 0,
    );
    for (const r of rows) {
      events += 1;
      const at = (reason: BrokenReason): ChainVerdict => ({
        intact: false, events, headHash: null, firstBroken: { seq: r.linkSeq, eventId: String(r.id), eventKey: r.eventKey, type: r.type, reason },
      });
      if (r.linkSeq !== (prev?.seq ?? 0) + 1) return at('event_missing');
      if (r.linkPrev !== (prev?.hash ?? null) || r.linkHash !== countyLinkHash(r.linkPrev, r.linkSeq, r.hash)) return at('link_broken');
      if (eventHash(r) !== r.hash) return at('content_changed');
      prev = { seq: r.linkSeq, hash: r.linkHash };
    }
    if (rows.length < SEAL_BATCH) break;
  }
  return { intact: true, events, headHash: prev?.hash ?? null, firstBroken: null };
}
