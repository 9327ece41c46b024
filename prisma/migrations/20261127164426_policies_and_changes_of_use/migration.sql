-- AlterTable
ALTER TABLE "BudgetRequest" ADD COLUMN     "policyId" TEXT;

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "yearlyCost" DECIMAL(18,2) NOT NULL,
    "status" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "assessmentOutcome" TEXT,
    "assessmentReference" TEXT,
    "assessmentNote" TEXT,
    "meetingReference" TEXT,
    "filingReference" TEXT,
    "filingAuthority" TEXT,
    "inForceAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "workflowStartedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeOfUseRequest" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "fromUse" TEXT NOT NULL,
    "fromCategory" TEXT NOT NULL,
    "toUse" TEXT NOT NULL,
    "toCategory" TEXT NOT NULL,
    "sourceThreeGuarantees" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "meetingReference" TEXT,
    "recordedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "workflowStartedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeOfUseRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Policy_number_key" ON "Policy"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_workflowId_key" ON "Policy"("workflowId");

-- CreateIndex
CREATE INDEX "Policy_status_createdAt_idx" ON "Policy"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Policy_unitId_fiscalYear_idx" ON "Policy"("unitId", "fiscalYear");

-- CreateIndex
CREATE INDEX "Policy_workflowStartedAt_idx" ON "Policy"("workflowStartedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeOfUseRequest_number_key" ON "ChangeOfUseRequest"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeOfUseRequest_workflowId_key" ON "ChangeOfUseRequest"("workflowId");

-- CreateIndex
CREATE INDEX "ChangeOfUseRequest_status_createdAt_idx" ON "ChangeOfUseRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeOfUseRequest_unitId_fiscalYear_idx" ON "ChangeOfUseRequest"("unitId", "fiscalYear");

-- CreateIndex
CREATE INDEX "ChangeOfUseRequest_workflowStartedAt_idx" ON "ChangeOfUseRequest"("workflowStartedAt");

-- CreateIndex
CREATE INDEX "BudgetRequest_policyId_idx" ON "BudgetRequest"("policyId");

-- AddForeignKey
ALTER TABLE "BudgetRequest" ADD CONSTRAINT "BudgetRequest_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeOfUseRequest" ADD CONSTRAINT "ChangeOfUseRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Human numbers ZC-<year>-<n> (policies) and TJ-<year>-<n> (changes of use)
CREATE SEQUENCE "policy_number_seq";
CREATE SEQUENCE "change_of_use_number_seq";
