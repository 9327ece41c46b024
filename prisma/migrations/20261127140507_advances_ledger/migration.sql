-- One county-wide R-L8 position instead of one per fiscal year: the old rows are summed into the row county
-- (the outstanding and approved-not-disbursed advances of every year count against the current cap).
CREATE TEMP TABLE "_county_position" AS
  SELECT COALESCE(SUM("outstanding"), 0) AS outstanding, COALESCE(SUM("reserved"), 0) AS reserved FROM "AdvancesPosition";
DELETE FROM "AdvancesPosition";

-- AlterTable
ALTER TABLE "AdvancesPosition" DROP CONSTRAINT "AdvancesPosition_pkey",
DROP COLUMN "fiscalYear",
ADD COLUMN     "id" TEXT NOT NULL,
ADD CONSTRAINT "AdvancesPosition_pkey" PRIMARY KEY ("id");

-- CreateTable
CREATE TABLE "Advance" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "loanId" TEXT,
    "debtor" TEXT NOT NULL,
    "debtorKind" TEXT NOT NULL,
    "unitId" TEXT,
    "kind" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "outstanding" DECIMAL(18,2) NOT NULL,
    "writtenOff" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "arisenOn" DATE NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "dueDate" DATE,
    "responsibleOfficer" TEXT,
    "note" TEXT,
    "status" TEXT NOT NULL,
    "entryKey" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Advance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvanceMovement" (
    "id" TEXT NOT NULL,
    "advanceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "on" DATE NOT NULL,
    "reference" TEXT,
    "outstandingAfter" DECIMAL(18,2) NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdvanceMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryCase" (
    "id" TEXT NOT NULL,
    "advanceId" TEXT NOT NULL,
    "findingId" TEXT,
    "status" TEXT NOT NULL,
    "approvers" JSONB NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReductionMilestone" (
    "id" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "target" DECIMAL(18,2) NOT NULL,
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "missedAt" TIMESTAMP(3),
    "atRiskAt" TIMESTAMP(3),

    CONSTRAINT "ReductionMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvancesSnapshot" (
    "day" DATE NOT NULL,
    "outstanding" DECIMAL(18,2) NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdvancesSnapshot_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE UNIQUE INDEX "Advance_number_key" ON "Advance"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Advance_loanId_key" ON "Advance"("loanId");

-- CreateIndex
CREATE UNIQUE INDEX "Advance_entryKey_key" ON "Advance"("entryKey");

-- CreateIndex
CREATE INDEX "Advance_status_kind_idx" ON "Advance"("status", "kind");

-- CreateIndex
CREATE INDEX "Advance_origin_fiscalYear_idx" ON "Advance"("origin", "fiscalYear");

-- CreateIndex
CREATE UNIQUE INDEX "AdvanceMovement_advanceId_paymentId_key" ON "AdvanceMovement"("advanceId", "paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCase_findingId_key" ON "RecoveryCase"("findingId");

-- CreateIndex
CREATE INDEX "RecoveryCase_advanceId_idx" ON "RecoveryCase"("advanceId");

-- CreateIndex
CREATE UNIQUE INDEX "ReductionMilestone_dueOn_key" ON "ReductionMilestone"("dueOn");

-- AddForeignKey
ALTER TABLE "Advance" ADD CONSTRAINT "Advance_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvanceMovement" ADD CONSTRAINT "AdvanceMovement_advanceId_fkey" FOREIGN KEY ("advanceId") REFERENCES "Advance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCase" ADD CONSTRAINT "RecoveryCase_advanceId_fkey" FOREIGN KEY ("advanceId") REFERENCES "Advance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


INSERT INTO "AdvancesPosition" ("id", "outstanding", "reserved", "updatedAt")
  SELECT 'county', outstanding, reserved, CURRENT_TIMESTAMP FROM "_county_position";
DROP TABLE "_county_position";

-- Every loan disbursed so far becomes a row of the ledger, in the China year it was disbursed in, and the
-- loan itself now belongs to that year too (DOMAIN.md "Fiscal year figures").
INSERT INTO "Advance" ("id", "number", "origin", "loanId", "debtor", "debtorKind", "unitId", "kind", "amount", "outstanding",
  "arisenOn", "fiscalYear", "dueDate", "responsibleOfficer", "status", "updatedAt")
SELECT gen_random_uuid()::text, l."number", 'loan', l."id", u."name", 'unit', l."unitId", 'compliant', l."amount", l."outstanding",
  (l."disbursedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date,
  EXTRACT(YEAR FROM (l."disbursedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai'))::int,
  l."dueDate", COALESCE(o."displayName", l."responsibleOfficerId"),
  CASE WHEN l."outstanding" = 0 THEN 'closed' ELSE 'open' END, CURRENT_TIMESTAMP
FROM "Loan" l JOIN "Unit" u ON u."id" = l."unitId" LEFT JOIN "User" o ON o."id" = l."responsibleOfficerId"
WHERE l."disbursedAt" IS NOT NULL;

UPDATE "Loan" SET "fiscalYear" = EXTRACT(YEAR FROM ("disbursedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai'))::int
WHERE "disbursedAt" IS NOT NULL;

ALTER TABLE "Advance" ADD CONSTRAINT "Advance_outstanding_range" CHECK ("outstanding" >= 0 AND "writtenOff" >= 0 AND "outstanding" + "writtenOff" <= "amount" AND "amount" > 0);
ALTER TABLE "AdvanceMovement" ADD CONSTRAINT "AdvanceMovement_amount_positive" CHECK ("amount" > 0);
ALTER TABLE "ReductionMilestone" ADD CONSTRAINT "ReductionMilestone_target_nonnegative" CHECK ("target" >= 0);

-- Numbers of opening-stock advances, CL-000001 on
CREATE SEQUENCE "advance_stock_number_seq";

-- Every R-L2 finding recorded so far opens a recovery case on its loan ledger row, with the trace-back
-- of who approved and disbursed the loan and who answers for it (R-L7).
INSERT INTO "RecoveryCase" ("id", "advanceId", "findingId", "status", "approvers")
SELECT gen_random_uuid()::text, a."id", f."id", 'open',
  COALESCE((
    SELECT jsonb_agg(jsonb_build_object(
      'step', d."step",
      'stepLabel', CASE d."step" WHEN 'finance_review' THEN '财政局审核（暂付款规模 R-L8）' WHEN 'executive_meeting' THEN '县政府常务会议审查批准' WHEN 'disbursement' THEN '国库股放款' ELSE d."step" END,
      'action', d."action", 'actorId', d."actorId", 'actorName', u."displayName", 'actorRole', d."actorRole",
      'decidedAt', to_char(d."decidedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'meetingReference', d."meetingReference") ORDER BY d."decidedAt")
    FROM "Decision" d JOIN "User" u ON u."id" = d."actorId"
    WHERE d."subjectType" = 'loan' AND d."subjectId" = f."loanId" AND d."action" IN ('approve', 'disburse')
  ), '[]'::jsonb)
  || CASE WHEN l."responsibleOfficerId" IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
      'step', 'responsible_officer', 'stepLabel', '责任人（谁借出，谁回收）', 'action', 'responsible', 'actorId', l."responsibleOfficerId",
      'actorName', COALESCE(o."displayName", l."responsibleOfficerId"), 'actorRole', 'treasury_officer',
      'decidedAt', to_char(l."disbursedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'meetingReference', NULL)) END
FROM "LoanFinding" f
JOIN "Loan" l ON l."id" = f."loanId"
JOIN "Advance" a ON a."loanId" = f."loanId"
LEFT JOIN "User" o ON o."id" = l."responsibleOfficerId";
