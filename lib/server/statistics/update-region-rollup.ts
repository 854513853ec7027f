// Maintains the region statistics roll-up (RegionCellTotal, RegionYearTotal) inside the
// transaction that publishes a report version. Called from createPublishedVersion only,
// the one place every publication goes through (CLI import --publish, the review workflow).
import { documentToCells, type ReportDocument } from "@/lib/exchange";
import type { Db } from "../prisma";
import { regionPath } from "../regions/ensure-region";

type Tx = Pick<Db, "$executeRaw" | "region">;

/** The region and every ancestor region the report's figures count towards, from Region.path. */
async function regionChainOf(tx: Tx, regionCode: string): Promise<string[]> {
  const region = await tx.region.findUnique({ where: { code: regionCode }, select: { path: true } });
  return (region?.path ?? regionPath(regionCode)).split("/").filter(Boolean);
}

interface Side {
  chain: string[];
  year: number;
  sections: string[];
  rows: string[];
  columns: string[];
  /** NUMERIC text (never summed as a float); null for a blank cell, counted as 0 */
  values: (string | null)[];
}

async function sideOf(tx: Tx, doc: ReportDocument | null): Promise<Side> {
  if (!doc) return { chain: [], year: 0, sections: [], rows: [], columns: [], values: [] };
  const cells = documentToCells(doc);
  return {
    chain: await regionChainOf(tx, doc.agency.region.code),
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
 * every cell of `next` added to its own, in one INSERT … ON CONFLICT DO UPDATE per table.
 * The sums are done by PostgreSQL in NUMERIC, so money stays exact to 0.000001 万元 and
 * `change` keeps its sign. Rows are written in key order so that concurrent publications
 * in one region lock them in the same order (no deadlock).
 */
export async function updateRegionRollup(tx: Tx, previous: ReportDocument | null, next: ReportDocument) {
  const old = await sideOf(tx, previous);
  const now = await sideOf(tx, next);
  await tx.$executeRaw`
    INSERT INTO "RegionCellTotal" ("regionCode", "year", "section", "row", "column", "value")
    SELECT d."regionCode", d."year", d."section"::"CellSection", d."row", d."column", SUM(d."amount")
    FROM (
      SELECT chain."code" AS "regionCode", ${old.year}::int AS "year", c."section", c."row", c."column",
             -COALESCE(c."value"::numeric, 0) AS "amount"
      FROM unnest(${old.chain}::text[]) AS chain("code")
      CROSS JOIN unnest(${old.sections}::text[], ${old.rows}::text[], ${old.columns}::text[], ${old.values}::text[])
        AS c("section", "row", "column", "value")
      UNION ALL
      SELECT chain."code", ${now.year}::int, c."section", c."row", c."column", COALESCE(c."value"::numeric, 0)
      FROM unnest(${now.chain}::text[]) AS chain("code")
      CROSS JOIN unnest(${now.sections}::text[], ${now.rows}::text[], ${now.columns}::text[], ${now.values}::text[])
        AS c("section", "row", "column", "value")
    ) AS d
    GROUP BY d."regionCode", d."year", d."section", d."row", d."column"
    ORDER BY d."regionCode", d."year", d."section", d."row", d."column"
    ON CONFLICT ("regionCode", "year", "section", "row", "column")
    DO UPDATE SET "value" = "RegionCellTotal"."value" + EXCLUDED."value"`;
  await tx.$executeRaw`
    INSERT INTO "RegionYearTotal" ("regionCode", "year", "reportCount")
    SELECT d."regionCode", d."year", SUM(d."n")::int
    FROM (
      SELECT unnest(${old.chain}::text[]) AS "regionCode", ${old.year}::int AS "year", -1 AS "n"
      UNION ALL
      SELECT unnest(${now.chain}::text[]), ${now.year}::int, 1
    ) AS d
    GROUP BY d."regionCode", d."year"
    ORDER BY d."regionCode", d."year"
    ON CONFLICT ("regionCode", "year")
    DO UPDATE SET "reportCount" = "RegionYearTotal"."reportCount" + EXCLUDED."reportCount"`;
}
