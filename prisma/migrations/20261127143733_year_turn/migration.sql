-- CreateTable
CREATE TABLE "YearTurn" (
    "fromYear" INTEGER NOT NULL,
    "toYear" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "decisions" JSONB,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,

    CONSTRAINT "YearTurn_pkey" PRIMARY KEY ("fromYear")
);

