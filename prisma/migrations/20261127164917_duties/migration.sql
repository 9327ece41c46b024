-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "monitored" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "monitoredById" TEXT,
ADD COLUMN     "monitoredSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "responsibleOfficerId" TEXT NOT NULL,
    "recipients" TEXT[],
    "status" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "escalation" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "submissionNote" TEXT,
    "workflowId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportRun" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "figures" JSONB NOT NULL,
    "xlsx" BYTEA NOT NULL,
    "xlsxSha256" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "requestedById" TEXT,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyPosition" (
    "month" TEXT NOT NULL,
    "debtBalance" DECIMAL(18,2) NOT NULL,
    "debtServiceDue" DECIMAL(18,2) NOT NULL,
    "treasuryCash" DECIMAL(18,2) NOT NULL,
    "threeGuaranteesSpending" DECIMAL(18,2) NOT NULL,
    "recordedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonthlyPosition_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "Transfer" (
    "id" TEXT NOT NULL,
    "documentNumber" TEXT NOT NULL,
    "issuingLevel" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "allocated" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "purpose" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "onwardDeadline" DATE NOT NULL,
    "deadlineFromDocument" BOOLEAN NOT NULL,
    "responsibleOfficerId" TEXT NOT NULL,
    "large" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "workflowId" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Transfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferAllocation" (
    "id" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "allocatedOn" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskEvent" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "description" TEXT NOT NULL,
    "unitIds" TEXT[],
    "reportDueAt" TIMESTAMP(3) NOT NULL,
    "reportedAt" TIMESTAMP(3),
    "reportedById" TEXT,
    "reportNote" TEXT,
    "reportLate" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "closingNote" TEXT,
    "workflowId" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskEventStep" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskEventStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountabilityRecord" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "heavier" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountabilityRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Report_status_dueAt_idx" ON "Report"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Report_kind_period_key" ON "Report"("kind", "period");

-- CreateIndex
CREATE UNIQUE INDEX "ReportRun_reportId_seq_key" ON "ReportRun"("reportId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Transfer_documentNumber_key" ON "Transfer"("documentNumber");

-- CreateIndex
CREATE INDEX "Transfer_status_onwardDeadline_idx" ON "Transfer"("status", "onwardDeadline");

-- CreateIndex
CREATE UNIQUE INDEX "TransferAllocation_transferId_reference_key" ON "TransferAllocation"("transferId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "RiskEvent_number_key" ON "RiskEvent"("number");

-- CreateIndex
CREATE INDEX "RiskEvent_status_reportDueAt_idx" ON "RiskEvent"("status", "reportDueAt");

-- CreateIndex
CREATE INDEX "RiskEventStep_eventId_idx" ON "RiskEventStep"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountabilityRecord_subjectType_subjectId_ruleId_key" ON "AccountabilityRecord"("subjectType", "subjectId", "ruleId");

-- AddForeignKey
ALTER TABLE "ReportRun" ADD CONSTRAINT "ReportRun_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferAllocation" ADD CONSTRAINT "TransferAllocation_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "Transfer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskEventStep" ADD CONSTRAINT "RiskEventStep_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "RiskEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

