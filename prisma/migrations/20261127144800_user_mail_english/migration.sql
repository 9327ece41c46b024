-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mailEnglish" BOOLEAN NOT NULL DEFAULT true;
