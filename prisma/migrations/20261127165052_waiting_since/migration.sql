-- AlterTable
ALTER TABLE "BudgetRequest" ADD COLUMN     "waitingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Loan" ADD COLUMN     "waitingSince" TIMESTAMP(3);


-- Since when a request or loan waits on someone: the earliest opening of the open tasks of its
-- current step (and, for a request, round) while it is in review (a loan also once approved, waiting
-- for the treasury), else null. The dashboard's counts and pending lists then read the waiting rows
-- of one table by a partial index instead of joining every open task to its subject.
--
-- The migration runner splits scripts at every semicolon, so the PL/pgSQL bodies below are E'' strings
-- that write each semicolon as the octal escape \073.
CREATE FUNCTION budget_waiting_since(subject TEXT, status TEXT, step TEXT, round INT) RETURNS TIMESTAMP(3)
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN status = 'in_review' THEN (
    SELECT min(t."openedAt") FROM "Task" t
    WHERE t."subjectId" = subject AND t."subjectType" = 'budget' AND t.status = 'open' AND t.step = $3 AND t.round = $4)
  END
$$;

CREATE FUNCTION loan_waiting_since(subject TEXT, status TEXT, step TEXT) RETURNS TIMESTAMP(3)
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN status IN ('in_review', 'approved') THEN (
    SELECT min(t."openedAt") FROM "Task" t
    WHERE t."subjectId" = subject AND t."subjectType" = 'loan' AND t.status = 'open' AND t.step = $3)
  END
$$;

-- Every write of a request or loan (a new step or round, a new status) recomputes it.
CREATE FUNCTION budget_request_waiting() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."waitingSince" := budget_waiting_since(NEW.id, NEW.status, NEW.step, NEW.round)\073
  RETURN NEW\073
END';
CREATE TRIGGER budget_request_waiting BEFORE INSERT OR UPDATE ON "BudgetRequest"
  FOR EACH ROW EXECUTE FUNCTION budget_request_waiting();

CREATE FUNCTION loan_waiting() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."waitingSince" := loan_waiting_since(NEW.id, NEW.status, NEW.step)\073
  RETURN NEW\073
END';
CREATE TRIGGER loan_waiting BEFORE INSERT OR UPDATE ON "Loan"
  FOR EACH ROW EXECUTE FUNCTION loan_waiting();

-- A task opened, decided, closed or removed: its subject's row is rewritten (the triggers above
-- recompute it). Locking the row first and reading after the lock is what keeps it exact when
-- several tasks of one step are decided at once: whoever takes the lock last sees every decision
-- committed before it (each statement of a PL/pgSQL function reads with a fresh snapshot).
CREATE FUNCTION refresh_waiting(kind TEXT, subject TEXT) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF kind = ''budget'' THEN
    PERFORM 1 FROM "BudgetRequest" WHERE id = subject FOR NO KEY UPDATE\073
    UPDATE "BudgetRequest" SET "waitingSince" = NULL WHERE id = subject\073
  ELSIF kind = ''loan'' THEN
    PERFORM 1 FROM "Loan" WHERE id = subject FOR NO KEY UPDATE\073
    UPDATE "Loan" SET "waitingSince" = NULL WHERE id = subject\073
  END IF\073
END';

-- A reminder or a refused attempt changes nothing the waiting depends on: no lock, no write.
CREATE FUNCTION task_waiting() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' AND (NEW.status, NEW.step, NEW.round, NEW."openedAt", NEW."subjectId", NEW."subjectType")
     IS NOT DISTINCT FROM (OLD.status, OLD.step, OLD.round, OLD."openedAt", OLD."subjectId", OLD."subjectType") THEN
    RETURN NULL\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    PERFORM refresh_waiting(NEW."subjectType", NEW."subjectId")\073
  END IF\073
  IF TG_OP = ''DELETE'' OR (OLD."subjectId", OLD."subjectType") IS DISTINCT FROM (NEW."subjectId", NEW."subjectType") THEN
    PERFORM refresh_waiting(OLD."subjectType", OLD."subjectId")\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER task_waiting AFTER INSERT OR UPDATE OR DELETE ON "Task"
  FOR EACH ROW EXECUTE FUNCTION task_waiting();

-- The rows already waiting (the triggers keep every later write).
UPDATE "BudgetRequest" SET "waitingSince" = budget_waiting_since(id, status, step, round) WHERE status = 'in_review';
UPDATE "Loan" SET "waitingSince" = loan_waiting_since(id, status, step) WHERE status IN ('in_review', 'approved');

-- The waiting rows of a year, oldest first, with what the dashboard counts and sums (index-only).
CREATE INDEX "BudgetRequest_waiting_idx" ON "BudgetRequest"("fiscalYear", "waitingSince", id)
  INCLUDE (step, "unitId", "threeGuarantees", amount, number) WHERE "waitingSince" IS NOT NULL;
CREATE INDEX "Loan_waiting_idx" ON "Loan"("fiscalYear", "waitingSince", id)
  INCLUDE (step, "unitId", amount, number) WHERE "waitingSince" IS NOT NULL;

-- Ledger rows still owed, by the date they fall due (an opening-stock row without one: the day it arose).
CREATE INDEX "Advance_outstanding_due_idx" ON "Advance"((coalesce("dueDate", "arisenOn")), status, origin, "fiscalYear")
  INCLUDE (outstanding) WHERE outstanding > 0;
