-- AlterTable
ALTER TABLE "RegionYearTotal" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "PublicDirectoryStamp" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PublicDirectoryStamp_pkey" PRIMARY KEY ("id")
);

-- The one row, and statement-level triggers that count every change to the directory of
-- regions and agencies (a bulk import is one statement, one bump). Cached public pages key on
-- this count together with the roll-up's revisions (lib/server/cache/published-ref.ts).
INSERT INTO "PublicDirectoryStamp" ("id", "value") VALUES (1, 0);

CREATE FUNCTION "bump_public_directory_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PublicDirectoryStamp" SET "value" = "value" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER "Region_bump_public_directory_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Region"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_public_directory_stamp"();
CREATE TRIGGER "Agency_bump_public_directory_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Agency"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_public_directory_stamp"();
