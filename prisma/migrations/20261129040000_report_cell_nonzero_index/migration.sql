-- The non-zero cells of each report, with the values themselves (an index-only scan): the
-- reviewer dashboard reads only those, for every report of a county and two years at once
-- (lib/server/queries/review-dashboard.ts). Most cells of a township's report are blank or 0,
-- and a report's cells lie spread over the table once it has been saved a few times, so
-- through the primary key that read visited a heap page per cell (60 ms for 300 agencies).
-- A partial index with INCLUDE is beyond schema.prisma; Prisma leaves indexes it cannot
-- express alone.
CREATE INDEX "ReportCell_nonzero_idx" ON "ReportCell" ("reportId") INCLUDE ("section", "row", "column", "value")
  WHERE "value" IS NOT NULL AND "value" <> 0;
