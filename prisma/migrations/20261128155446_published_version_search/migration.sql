-- Public full-text search over the narrative of published versions (pg_trgm: trigrams work
-- on Chinese text, which has no spaces between words).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "PublishedVersion" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "PublishedVersion_searchText_idx" ON "PublishedVersion" USING GIN ("searchText" gin_trgm_ops);

-- The searchable text is derived from the immutable snapshot itself, whoever inserts it:
-- the three narratives, without the Markdown emphasis and heading marks, so a phrase that
-- a reader copies from the rendered page is found.
CREATE FUNCTION "published_version_search_text"(document jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(
    concat_ws(E'\n', document #>> '{narrative,overview}', document #>> '{narrative,problems}', document #>> '{narrative,other}'),
    '\*\*|__|^#{1,6}[ \t]*', '', 'gn')
$$;

CREATE FUNCTION "published_version_set_search_text"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := "published_version_search_text"(NEW."document");
  RETURN NEW;
END
$$;

CREATE TRIGGER "PublishedVersion_searchText"
BEFORE INSERT OR UPDATE OF "document", "searchText" ON "PublishedVersion"
FOR EACH ROW EXECUTE FUNCTION "published_version_set_search_text"();

UPDATE "PublishedVersion" SET "searchText" = "published_version_search_text"("document");
