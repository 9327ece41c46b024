-- AlterTable
ALTER TABLE "BudgetRequest" ADD COLUMN     "workflowStartedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Loan" ADD COLUMN     "workflowStartedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "decisionAttempt" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "BudgetRequest_workflowStartedAt_idx" ON "BudgetRequest"("workflowStartedAt");

-- CreateIndex
CREATE INDEX "Loan_workflowStartedAt_idx" ON "Loan"("workflowStartedAt");

-- Rows filed before this migration had their workflow started in the same call
UPDATE "BudgetRequest" SET "workflowStartedAt" = "createdAt";
UPDATE "Loan" SET "workflowStartedAt" = "createdAt";
