-- Tamper-evident audit (README "Tamper-evident audit"). Every event of a subject (a request, a loan, …)
-- carries its place in the chain of that subject, the hash of the previous event and its own hash.
-- writeAudit (activities/audit.ts) extends a chain in one INSERT under a per-subject advisory lock: the
-- unique (subject, seq) index refuses a fork should a snapshot ever hide a row from a writer.
-- No semicolons inside statements here: the migration runner (the pg driver adapter) splits on them.

-- The one definition of the hash of an event, used by writeAudit and the backfill below: the verifier
-- (activities/audit-chain.ts) recomputes it independently from the same text.
CREATE FUNCTION audit_event_hash(prev TEXT, seq INTEGER, event_key TEXT, at TIMESTAMP(3), actor TEXT, subject_type TEXT, subject_id TEXT, type TEXT, data JSONB)
RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\n',
    coalesce(prev, ''), seq::text, event_key, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS'), coalesce(actor, ''),
    subject_type, subject_id, type, data::text), 'UTF8')), 'hex')
$$;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT,
ADD COLUMN "prevHash" TEXT,
ADD COLUMN "seq" INTEGER;

-- Events written before this migration: chained now, per subject in the order they were written (id).
WITH RECURSIVE ordered AS (
  SELECT *, (row_number() OVER (PARTITION BY "subjectType", "subjectId" ORDER BY "id"))::int AS n FROM "AuditEvent"
), chain AS (
  SELECT o."id", o."subjectType", o."subjectId", o.n, NULL::text AS prev,
    audit_event_hash(NULL, o.n, o."eventKey", o."at", o."actorId", o."subjectType", o."subjectId", o."type", o."data") AS hash
  FROM ordered o WHERE o.n = 1
  UNION ALL
  SELECT o."id", o."subjectType", o."subjectId", o.n, c.hash,
    audit_event_hash(c.hash, o.n, o."eventKey", o."at", o."actorId", o."subjectType", o."subjectId", o."type", o."data")
  FROM chain c JOIN ordered o ON o."subjectType" = c."subjectType" AND o."subjectId" = c."subjectId" AND o.n = c.n + 1
)
UPDATE "AuditEvent" e SET "seq" = c.n, "prevHash" = c.prev, "hash" = c.hash FROM chain c WHERE e."id" = c."id";

ALTER TABLE "AuditEvent" ALTER COLUMN "hash" SET NOT NULL,
ALTER COLUMN "seq" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_subjectType_subjectId_seq_key" ON "AuditEvent"("subjectType", "subjectId", "seq");

-- CreateTable
CREATE TABLE "AuditCountyLink" (
    "seq" INTEGER NOT NULL,
    "eventId" BIGINT NOT NULL,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL,
    "sealedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditCountyLink_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditCountyLink_eventId_key" ON "AuditCountyLink"("eventId");
