-- AlterTable
ALTER TABLE "PublishedVersion" ADD COLUMN     "qualityNotes" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "ReportCell" ALTER COLUMN "value" SET DATA TYPE DECIMAL(20,6);
