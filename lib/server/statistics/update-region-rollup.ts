// Maintains the region statistics roll-up (RegionCellTotal, RegionYearTotal) inside the
// transaction that publishes a report version. Called from createPublishedVersion only,
// the one place every publication goes through (CLI import --publish, the review workflow).
import { documentToCells, type ReportDocument } from "@/lib/exchange";
import type { Db } from "../prisma";
import { regionPath } from "../regions/ensure-region";

type Tx = Pick<Db, "$executeRaw">;

interface Side {
  /** the agency's region; its chain (the region and every ancestor) comes from Region.path */
  regionCode: string | null;
  /** the chain when the region row is missing (never expected: imports create it) */
  fallbackPath: string;
  year: number;
  sections: string[];
  rows: string[];
  columns: string[];
  /** NUMERIC text (never summed as a float); null for a blank cell, counted as 0 */
  values: (string | null)[];
}

function sideOf(doc: ReportDocument | null): Side {
  if (!doc) return { regionCode: null, fallbackPath: "", year: 0, sections: [], rows: [], columns: [], values: [] };
  const cells = documentToCells(doc);
  return {
    regionCode: doc.agency.region.code,
    fallbackPath: regionPath(doc.agency.region.code),
    year: doc.year,
    sections: cells.map((c) => c.section),
    rows: cells.map((c) => c.row),
    columns: cells.map((c) => c.column),
    values: cells.map((c) => (c.value === null ? null : String(c.value))),
  };
}

/**
 * Moves the roll-up from `previous` (the version being replaced, null on a first
 * publication) to `next`: every cell of `previous` is subtracted from its region chain and
 * every cell of `next` added to its own, and the report counted out of the old chain and
 * into the new one — one statement (one round trip) for both tables, INSERT … ON CONFLICT
 * DO UPDATE SET value = value + EXCLUDED.value. PostgreSQL sums in NUMERIC, so money stays
 * exact to 0.000001 万元 and `change` keeps its sign. Rows are written in key order so that
 * concurrent publications in one region lock them in the same order (no deadlock).
 * `reports` counts `next` that many times over: a publication is always 1; the bench data
 * (scripts/lib/bench-data.ts) adds thousands of synthetic reports of the same figures at once.
 */
export async function updateRegionRollup(tx: Tx, previous: ReportDocument | null, next: ReportDocument, reports = 1) {
  if (!Number.isSafeInteger(reports) || reports < 1) throw new Error(`reports must be a positive integer: ${reports}`);
  const old = sideOf(previous);
  const now = sideOf(next);
  await tx.$executeRaw`
    WITH "oldChain" AS (
      SELECT unnest(string_to_array(rtrim(COALESCE((SELECT "path" FROM "Region" WHERE "code" = ${old.regionCode}), ${old.fallbackPath}), '/'), '/')) AS "code"
    ), "newChain" AS (
      SELECT unnest(string_to_array(rtrim(COALESCE((SELECT "path" FROM "Region" WHERE "code" = ${now.regionCode}), ${now.fallbackPath}), '/'), '/')) AS "code"
    ), "cells" AS (
      INSERT INTO "RegionCellTotal" ("regionCode", "year", "section", "row", "column", "value")
      SELECT d."regionCode", d."year", d."section"::"CellSection", d."row", d."column", SUM(d."amount")
      FROM (
        SELECT chain."code" AS "regionCode", ${old.year}::int AS "year", c."section", c."row", c."column",
               -COALESCE(c."value"::numeric, 0) AS "amount"
        FROM "oldChain" AS chain
        CROSS JOIN unnest(${old.sections}::text[], ${old.rows}::text[], ${old.columns}::text[], ${old.values}::text[])
          AS c("section", "row", "column", "value")
        UNION ALL
        SELECT chain."code", ${now.year}::int, c."section", c."row", c."column", COALESCE(c."value"::numeric, 0) * ${reports}::int
        FROM "newChain" AS chain
        CROSS JOIN unnest(${now.sections}::text[], ${now.rows}::text[], ${now.columns}::text[], ${now.values}::text[])
          AS c("section", "row", "column", "value")
      ) AS d
      GROUP BY d."regionCode", d."year", d."section", d."row", d."column"
      ORDER BY d."regionCode", d."year", d."section", d."row", d."column"
      ON CONFLICT ("regionCode", "year", "section", "row", "column")
      DO UPDATE SET "value" = "RegionCellTotal"."value" + EXCLUDED."value"
      RETURNING 1
    )
    INSERT INTO "RegionYearTotal" ("regionCode", "year", "reportCount")
    SELECT d."regionCode", d."year", SUM(d."n")::int
    FROM (
      SELECT "code" AS "regionCode", ${old.year}::int AS "year", -1 AS "n" FROM "oldChain"
      UNION ALL
      SELECT "code", ${now.year}::int, ${reports}::int FROM "newChain"
    ) AS d
    GROUP BY d."regionCode", d."year"
    ORDER BY d."regionCode", d."year"
    ON CONFLICT ("regionCode", "year")
    DO UPDATE SET "reportCount" = "RegionYearTotal"."reportCount" + EXCLUDED."reportCount",
      "revision" = "RegionYearTotal"."revision" + 1`;
}
