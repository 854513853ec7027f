-- CreateTable
CREATE TABLE "OneTimePasswordBatch" (
    "id" TEXT NOT NULL,
    "adminId" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "sealed" BYTEA NOT NULL,
    "csvTakenAt" TIMESTAMP(3),
    "slipsTakenAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneTimePasswordBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OneTimePasswordBatch_expiresAt_idx" ON "OneTimePasswordBatch"("expiresAt");
