-- AlterTable
ALTER TABLE "ReportCell" ADD COLUMN     "text" VARCHAR(200);
