-- CreateTable
CREATE TABLE "LoanFinding" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "enterprise" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "foundOn" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoanFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoanFinding_loanId_idx" ON "LoanFinding"("loanId");

-- AddForeignKey
ALTER TABLE "LoanFinding" ADD CONSTRAINT "LoanFinding_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanFinding" ADD CONSTRAINT "LoanFinding_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Last line of defence for R-L2 findings: only money that went out can have been re-lent
ALTER TABLE "LoanFinding" ADD CONSTRAINT "LoanFinding_amount_positive" CHECK ("amount" > 0);
