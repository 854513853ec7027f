-- CreateTable
CREATE TABLE "ConversionLease" (
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversionLease_pkey" PRIMARY KEY ("userId")
);
