-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" VARCHAR(300) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" VARCHAR(300) NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "LoginThrottle_lastFailureAt_idx" ON "LoginThrottle"("lastFailureAt");

-- CreateIndex
CREATE INDEX "RateLimitBucket_expiresAt_idx" ON "RateLimitBucket"("expiresAt");

-- Revocable sessions at the database's depth: whatever code path deactivates or reactivates an
-- account, changes its role, scope or password, every session issued before ends (the session
-- token carries "sessionVersion"; lib/auth checks it on every request).
CREATE FUNCTION "user_bump_session_version"() RETURNS trigger AS $$
BEGIN
  IF NEW."active" IS DISTINCT FROM OLD."active"
     OR NEW."role" IS DISTINCT FROM OLD."role"
     OR NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash"
     OR NEW."regionCode" IS DISTINCT FROM OLD."regionCode"
     OR NEW."agencyId" IS DISTINCT FROM OLD."agencyId" THEN
    NEW."sessionVersion" := GREATEST(NEW."sessionVersion", OLD."sessionVersion" + 1);
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "User_revoke_sessions_on_change" BEFORE UPDATE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "user_bump_session_version"();
