-- CreateTable
CREATE TABLE "Loan" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "outstanding" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "purpose" TEXT NOT NULL,
    "purposeDetails" TEXT NOT NULL,
    "repaymentSource" TEXT NOT NULL,
    "termMonths" INTEGER,
    "requestedDueDate" DATE,
    "instalmentPlan" JSONB,
    "noOnLendingDeclared" BOOLEAN NOT NULL,
    "fundsNewSpending" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "capHold" TEXT NOT NULL DEFAULT 'none',
    "dueDate" DATE,
    "disbursedAt" TIMESTAMP(3),
    "disbursedById" TEXT,
    "disbursementReference" TEXT,
    "responsibleOfficerId" TEXT,
    "ladder" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Repayment" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "paidOn" DATE NOT NULL,
    "reference" TEXT,
    "outstandingAfter" DECIMAL(18,2) NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Repayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanNotice" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "rungId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "noticeDate" DATE NOT NULL,
    "daysFromDue" INTEGER NOT NULL,
    "recipients" TEXT[],
    "outstanding" DECIMAL(18,2) NOT NULL,
    "interview" BOOLEAN NOT NULL DEFAULT false,
    "accountability" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoanNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvancesPosition" (
    "fiscalYear" INTEGER NOT NULL,
    "outstanding" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "reserved" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdvancesPosition_pkey" PRIMARY KEY ("fiscalYear")
);

-- CreateTable
CREATE TABLE "DisbursementControl" (
    "id" TEXT NOT NULL,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisbursementControl_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Loan_number_key" ON "Loan"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Loan_workflowId_key" ON "Loan"("workflowId");

-- CreateIndex
CREATE INDEX "Loan_status_dueDate_idx" ON "Loan"("status", "dueDate");

-- CreateIndex
CREATE INDEX "Loan_unitId_fiscalYear_idx" ON "Loan"("unitId", "fiscalYear");

-- CreateIndex
CREATE INDEX "Loan_fiscalYear_status_idx" ON "Loan"("fiscalYear", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Repayment_loanId_paymentId_key" ON "Repayment"("loanId", "paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "LoanNotice_loanId_seq_key" ON "LoanNotice"("loanId", "seq");

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Repayment" ADD CONSTRAINT "Repayment_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanNotice" ADD CONSTRAINT "LoanNotice_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Human-readable loan numbers JK-<year>-<seq>, a sequence Prisma does not model
CREATE SEQUENCE "loan_number_seq";

-- The one disbursement switch of the county (R-M3), present from the start so it can be locked
INSERT INTO "DisbursementControl" ("id", "suspended", "version") VALUES ('county', false, 0);

-- Last line of defence for R-L8 and R-L10 bookkeeping: no negative balances, never more owed than lent
ALTER TABLE "AdvancesPosition" ADD CONSTRAINT "AdvancesPosition_nonnegative" CHECK ("outstanding" >= 0 AND "reserved" >= 0);
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_outstanding_range" CHECK ("outstanding" >= 0 AND "outstanding" <= "amount");
