-- CreateTable
CREATE TABLE "BudgetRequestTotal" (
    "fiscalYear" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,

    CONSTRAINT "BudgetRequestTotal_pkey" PRIMARY KEY ("fiscalYear","unitId","status")
);

-- CreateTable
CREATE TABLE "ReservationTotal" (
    "fiscalYear" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,

    CONSTRAINT "ReservationTotal_pkey" PRIMARY KEY ("fiscalYear","unitId","status")
);


-- Per year, unit and status: how many requests (and reservations, R-B3) and their amount, kept by
-- the transactions that change them, so the dashboard and the lists read a few rows instead of
-- counting a year. The triggers are deferred to the commit: a totals row is shared by every filing of
-- a unit, and a lock taken at commit is held for the commit alone, not for the whole transaction.
-- A request's step changes without touching them: only a new year, unit, status or amount does.
--
-- The migration runner splits scripts at every semicolon, so the PL/pgSQL bodies below are E'' strings
-- that write each semicolon as the octal escape \073.
CREATE FUNCTION add_year_total(totals TEXT, y INT, u TEXT, s TEXT, n INT, a NUMERIC) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF totals = ''BudgetRequest'' THEN
    INSERT INTO "BudgetRequestTotal" ("fiscalYear", "unitId", status, count, amount) VALUES (y, u, s, n, a)
    ON CONFLICT ("fiscalYear", "unitId", status)
    DO UPDATE SET count = "BudgetRequestTotal".count + EXCLUDED.count, amount = "BudgetRequestTotal".amount + EXCLUDED.amount\073
  ELSE
    INSERT INTO "ReservationTotal" ("fiscalYear", "unitId", status, count, amount) VALUES (y, u, s, n, a)
    ON CONFLICT ("fiscalYear", "unitId", status)
    DO UPDATE SET count = "ReservationTotal".count + EXCLUDED.count, amount = "ReservationTotal".amount + EXCLUDED.amount\073
  END IF\073
END';

-- One trigger function for both tables: a reservation counts under its request's unit (a request
-- never changes unit). The old row leaves its totals and the new one joins its own, the lower key
-- first, so two transactions moving rows between the same two totals take their locks in one order.
CREATE FUNCTION year_total() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  old_unit TEXT\073
  new_unit TEXT\073
BEGIN
  IF TG_TABLE_NAME = ''Reservation'' THEN
    IF TG_OP <> ''INSERT'' THEN SELECT "unitId" INTO old_unit FROM "BudgetRequest" WHERE id = OLD."requestId"\073 END IF\073
    IF TG_OP <> ''DELETE'' THEN SELECT "unitId" INTO new_unit FROM "BudgetRequest" WHERE id = NEW."requestId"\073 END IF\073
  ELSE
    IF TG_OP <> ''INSERT'' THEN old_unit := OLD."unitId"\073 END IF\073
    IF TG_OP <> ''DELETE'' THEN new_unit := NEW."unitId"\073 END IF\073
  END IF\073
  IF TG_OP = ''UPDATE'' AND ROW(OLD."fiscalYear", old_unit, OLD.status) > ROW(NEW."fiscalYear", new_unit, NEW.status) THEN
    PERFORM add_year_total(TG_TABLE_NAME, NEW."fiscalYear", new_unit, NEW.status, 1, NEW.amount)\073
    PERFORM add_year_total(TG_TABLE_NAME, OLD."fiscalYear", old_unit, OLD.status, -1, -OLD.amount)\073
    RETURN NULL\073
  END IF\073
  IF TG_OP <> ''INSERT'' THEN
    PERFORM add_year_total(TG_TABLE_NAME, OLD."fiscalYear", old_unit, OLD.status, -1, -OLD.amount)\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    PERFORM add_year_total(TG_TABLE_NAME, NEW."fiscalYear", new_unit, NEW.status, 1, NEW.amount)\073
  END IF\073
  RETURN NULL\073
END';

CREATE CONSTRAINT TRIGGER budget_request_total_rows AFTER INSERT OR DELETE ON "BudgetRequest"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION year_total();
CREATE CONSTRAINT TRIGGER budget_request_total_change AFTER UPDATE ON "BudgetRequest"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD."fiscalYear", OLD."unitId", OLD.status, OLD.amount) IS DISTINCT FROM (NEW."fiscalYear", NEW."unitId", NEW.status, NEW.amount))
  EXECUTE FUNCTION year_total();
CREATE CONSTRAINT TRIGGER reservation_total_rows AFTER INSERT OR DELETE ON "Reservation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION year_total();
CREATE CONSTRAINT TRIGGER reservation_total_change AFTER UPDATE ON "Reservation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD."fiscalYear", OLD."requestId", OLD.status, OLD.amount) IS DISTINCT FROM (NEW."fiscalYear", NEW."requestId", NEW.status, NEW.amount))
  EXECUTE FUNCTION year_total();

-- Counts every total afresh from the rows (this migration, and bulk loads that bypass the triggers,
-- like the bench's seed), with nothing else writing.
CREATE FUNCTION rebuild_year_totals() RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "BudgetRequestTotal"\073
  INSERT INTO "BudgetRequestTotal" ("fiscalYear", "unitId", status, count, amount)
    SELECT "fiscalYear", "unitId", status, count(*), sum(amount) FROM "BudgetRequest" GROUP BY 1, 2, 3\073
  DELETE FROM "ReservationTotal"\073
  INSERT INTO "ReservationTotal" ("fiscalYear", "unitId", status, count, amount)
    SELECT r."fiscalYear", b."unitId", r.status, count(*), sum(r.amount)
    FROM "Reservation" r JOIN "BudgetRequest" b ON b.id = r."requestId" GROUP BY 1, 2, 3\073
END';

SELECT rebuild_year_totals();
