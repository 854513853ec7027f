-- CreateTable
CREATE TABLE "RegionCellTotal" (
    "regionCode" VARCHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "section" "CellSection" NOT NULL,
    "row" VARCHAR(64) NOT NULL,
    "column" VARCHAR(32) NOT NULL,
    "value" DECIMAL(30,6) NOT NULL DEFAULT 0,

    CONSTRAINT "RegionCellTotal_pkey" PRIMARY KEY ("regionCode","year","section","row","column")
);

-- CreateTable
CREATE TABLE "RegionYearTotal" (
    "regionCode" VARCHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "reportCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RegionYearTotal_pkey" PRIMARY KEY ("regionCode","year")
);

-- CreateIndex
CREATE INDEX "RegionCellTotal_regionCode_section_row_column_idx" ON "RegionCellTotal"("regionCode", "section", "row", "column");

-- Backfill: the roll-up of the reports published before this migration, from the current
-- (newest) published version of each report, into its region and every ancestor region.
WITH "current" AS (
    SELECT DISTINCT ON ("reportId") "reportId", "document"
    FROM "PublishedVersion"
    ORDER BY "reportId", "versionNo" DESC
), "placed" AS (
    SELECT c."document", r."year", chain."code" AS "regionCode"
    FROM "current" c
    JOIN "Report" r ON r."id" = c."reportId"
    JOIN "Region" g ON g."code" = c."document" -> 'agency' -> 'region' ->> 'code'
    CROSS JOIN LATERAL unnest(string_to_array(rtrim(g."path", '/'), '/')) AS chain("code")
)
INSERT INTO "RegionCellTotal" ("regionCode", "year", "section", "row", "column", "value")
SELECT p."regionCode", p."year", s."key"::"CellSection", rw."key", cl."key", SUM(COALESCE((cl."value" #>> '{}')::numeric, 0))
FROM "placed" p
CROSS JOIN LATERAL jsonb_each(p."document") AS s("key", "value")
CROSS JOIN LATERAL jsonb_each(s."value") AS rw("key", "value")
CROSS JOIN LATERAL jsonb_each(rw."value") AS cl("key", "value")
WHERE s."key" IN ('proactive', 'applications', 'reviewLitigation')
GROUP BY 1, 2, 3, 4, 5;

WITH "current" AS (
    SELECT DISTINCT ON ("reportId") "reportId", "document"
    FROM "PublishedVersion"
    ORDER BY "reportId", "versionNo" DESC
)
INSERT INTO "RegionYearTotal" ("regionCode", "year", "reportCount")
SELECT chain."code", r."year", COUNT(*)::int
FROM "current" c
JOIN "Report" r ON r."id" = c."reportId"
JOIN "Region" g ON g."code" = c."document" -> 'agency' -> 'region' ->> 'code'
CROSS JOIN LATERAL unnest(string_to_array(rtrim(g."path", '/'), '/')) AS chain("code")
GROUP BY 1, 2;
