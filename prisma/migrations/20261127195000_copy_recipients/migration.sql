-- CreateTable
CREATE TABLE "CopyRecipient" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "copiedById" TEXT,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CopyRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CopyRecipient_userId_createdAt_idx" ON "CopyRecipient"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CopyRecipient_subjectId_round_step_userId_key" ON "CopyRecipient"("subjectId", "round", "step", "userId");
