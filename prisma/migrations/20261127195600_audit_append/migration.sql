-- Appending an audit event in one round trip (activities/audit.ts): the per-subject advisory lock and
-- the INSERT that reads the chain's head after taking it, as migration `audit_chain` defines them.
-- Each statement of a (volatile) PL/pgSQL function reads with a fresh snapshot, so the INSERT sees
-- every event committed by whoever held the lock before. A second call with the same key is a no-op.
--
-- The migration runner splits scripts at every semicolon, so the body is an E'' string that writes
-- each semicolon as the octal escape \073.
CREATE FUNCTION audit_append(event_key TEXT, actor TEXT, subject_type TEXT, subject_id TEXT, event_type TEXT, event_data JSONB)
RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(''audit:'' || subject_type || ''/'' || subject_id, 0))\073
  WITH head AS (
    SELECT e."seq", e."hash" FROM "AuditEvent" e WHERE e."subjectType" = subject_type AND e."subjectId" = subject_id ORDER BY e."seq" DESC LIMIT 1
  ), v AS (
    SELECT (now() AT TIME ZONE ''UTC'')::timestamp(3) AS at, coalesce((SELECT h."seq" FROM head h), 0) + 1 AS seq, (SELECT h."hash" FROM head h) AS prev
  )
  INSERT INTO "AuditEvent" ("eventKey", "actorId", "subjectType", "subjectId", "type", "data", "at", "seq", "prevHash", "hash")
  SELECT event_key, actor, subject_type, subject_id, event_type, event_data, v.at, v.seq, v.prev,
    audit_event_hash(v.prev, v.seq, event_key, v.at, actor, subject_type, subject_id, event_type, event_data)
  FROM v
  ON CONFLICT ("eventKey") DO NOTHING\073
END';
