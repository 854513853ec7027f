import "server-only";
// What a region page shows besides the summed tables: its sub-regions (from the roll-up),
// its own agencies with their key figures (from their current published snapshots), the
// agencies that have not published, and the key figures across years (from the roll-up).
// Each read touches the region's direct children only, never the whole subtree.
import { Prisma } from "@/lib/generated/prisma/client";
import type { AgencySort } from "@/lib/statistics/agency-sort";
import type { KeyFigureKey, KeyFigureValues } from "@/lib/statistics/key-figures";
import { db } from "../db";
import { documentKeyFigureColumns, keyFigureCellFilter, rollupKeyFigureColumns } from "./sql";

export interface SubRegionRow extends KeyFigureValues {
  code: string;
  name: string;
  reportCount: number;
}

/** The region's direct sub-regions with their published report count and key figures for the year. */
export async function getSubRegions(code: string, year: number): Promise<SubRegionRow[]> {
  return db.$queryRaw<SubRegionRow[]>`
    SELECT g."code", g."name", COALESCE(y."reportCount", 0)::int AS "reportCount", k.*
    FROM "Region" g
    LEFT JOIN "RegionYearTotal" y ON y."regionCode" = g."code" AND y."year" = ${year}
    CROSS JOIN LATERAL (
      SELECT ${rollupKeyFigureColumns("t")}
      FROM "RegionCellTotal" t
      WHERE t."regionCode" = g."code" AND t."year" = ${year} AND ${keyFigureCellFilter("t")}
    ) k
    WHERE g."parentCode" = ${code}
    ORDER BY g."code"`;
}

export { AGENCY_SORTS, parseAgencySort, type AgencySort } from "@/lib/statistics/agency-sort";

export interface AgencyFiguresRow extends KeyFigureValues {
  code: string;
  name: string;
  versionNo: number;
  publishedAt: Date;
  /** granted / handled in percent, NUMERIC text with one decimal; null when nothing was handled */
  grantedShare: string | null;
}

/** The region's own agencies that published for the year, with their key figures, sorted in SQL. */
export async function getRegionAgencies(code: string, year: number, sort: AgencySort, dir: "asc" | "desc"): Promise<AgencyFiguresRow[]> {
  const sortColumn = sort === "name" ? Prisma.raw(`"code"`) : Prisma.raw(`"${sort}"::numeric`);
  const direction = Prisma.raw(dir === "desc" ? "DESC NULLS LAST" : "ASC NULLS FIRST");
  return db.$queryRaw<AgencyFiguresRow[]>`
    SELECT * FROM (
      SELECT f.*, round(100 * f."granted"::numeric / NULLIF(f."handled"::numeric, 0), 1)::text AS "grantedShare"
      FROM (
        SELECT a."code", a."name", v."versionNo", v."publishedAt", ${documentKeyFigureColumns("v")}
        FROM "Agency" a
        JOIN "Report" r ON r."agencyId" = a."id" AND r."year" = ${year}
        JOIN LATERAL (
          SELECT "versionNo", "publishedAt", "document" FROM "PublishedVersion" p
          WHERE p."reportId" = r."id" ORDER BY p."versionNo" DESC LIMIT 1
        ) v ON true
        WHERE a."regionCode" = ${code}
      ) f
    ) s
    ORDER BY ${sortColumn} ${direction}, "code"`;
}

/** The region's own active agencies without a published report for the year. */
export async function getUnpublishedAgencies(code: string, year: number): Promise<{ code: string; name: string }[]> {
  return db.$queryRaw<{ code: string; name: string }[]>`
    SELECT a."code", a."name" FROM "Agency" a
    WHERE a."regionCode" = ${code} AND a."active"
      AND NOT EXISTS (
        SELECT 1 FROM "Report" r JOIN "PublishedVersion" p ON p."reportId" = r."id"
        WHERE r."agencyId" = a."id" AND r."year" = ${year}
      )
    ORDER BY a."code"`;
}

export interface YearFigures extends KeyFigureValues {
  year: number;
  reportCount: number;
}

/** The key figures of the region for every year with a publication, oldest first (from the roll-up). */
export async function getRegionTrends(code: string): Promise<YearFigures[]> {
  return db.$queryRaw<YearFigures[]>`
    SELECT y."year", y."reportCount", k.*
    FROM "RegionYearTotal" y
    CROSS JOIN LATERAL (
      SELECT ${rollupKeyFigureColumns("t")}
      FROM "RegionCellTotal" t
      WHERE t."regionCode" = y."regionCode" AND t."year" = y."year" AND ${keyFigureCellFilter("t")}
    ) k
    WHERE y."regionCode" = ${code} AND y."reportCount" > 0
    ORDER BY y."year"`;
}

export type { KeyFigureKey };
