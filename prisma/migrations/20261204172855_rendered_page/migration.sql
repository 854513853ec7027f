-- CreateTable
CREATE TABLE "RenderedPage" (
    "key" TEXT NOT NULL,
    "value" BYTEA,
    "renders" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storedAt" TIMESTAMP(3),

    CONSTRAINT "RenderedPage_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RenderedPage_claimedAt_idx" ON "RenderedPage"("claimedAt");
