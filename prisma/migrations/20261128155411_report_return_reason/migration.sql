-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "returnReason" TEXT;
