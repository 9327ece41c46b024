-- CreateIndex
CREATE INDEX "BudgetRequest_fiscalYear_status_idx" ON "BudgetRequest"("fiscalYear", "status");

-- CreateIndex
CREATE INDEX "BudgetRequest_fiscalYear_threeGuarantees_createdAt_idx" ON "BudgetRequest"("fiscalYear", "threeGuarantees", "createdAt");

-- CreateIndex
CREATE INDEX "BudgetRequest_fiscalYear_priority_filed_idx" ON "BudgetRequest"("fiscalYear", "threeGuarantees" DESC, "createdAt");

-- CreateIndex
CREATE INDEX "Reservation_fiscalYear_status_updatedAt_idx" ON "Reservation"("fiscalYear", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "Loan_fiscalYear_dueDate_createdAt_idx" ON "Loan"("fiscalYear", "dueDate", "createdAt" DESC);


-- Open tasks by subject type, step and age: the dashboard counts and pending lists read only these
-- (a few thousand rows of a table that keeps every task ever opened). Partial, so the Prisma schema
-- cannot express it and it is written by hand
CREATE INDEX "Task_open_subject_step_idx" ON "Task"("subjectType", "step", "openedAt") WHERE "status" = 'open';
