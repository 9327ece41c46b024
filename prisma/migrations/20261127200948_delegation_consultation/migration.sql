-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "onBehalfOfId" TEXT,
ADD COLUMN     "proceededAnyway" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "delegateId" TEXT,
ADD COLUMN     "handedOverAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Absence" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "substituteId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "askedById" TEXT NOT NULL,
    "consulteeId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Absence_userId_endsAt_idx" ON "Absence"("userId", "endsAt");

-- CreateIndex
CREATE INDEX "Absence_substituteId_endsAt_idx" ON "Absence"("substituteId", "endsAt");

-- CreateIndex
CREATE INDEX "Consultation_consulteeId_answeredAt_idx" ON "Consultation"("consulteeId", "answeredAt");

-- CreateIndex
CREATE INDEX "Consultation_subjectId_idx" ON "Consultation"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_taskId_consulteeId_key" ON "Consultation"("taskId", "consulteeId");

-- CreateIndex
CREATE INDEX "Task_delegateId_status_idx" ON "Task"("delegateId", "status");

-- CreateIndex
CREATE INDEX "Task_decidedById_idx" ON "Task"("decidedById");

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_onBehalfOfId_fkey" FOREIGN KEY ("onBehalfOfId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_substituteId_fkey" FOREIGN KEY ("substituteId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_consulteeId_fkey" FOREIGN KEY ("consulteeId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

