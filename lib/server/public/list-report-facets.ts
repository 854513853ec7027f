// What the public report list offers to filter on: the regions (province → city → county)
// and years that hold at least one published report. Read from published versions only.
import type { Db } from "../prisma";

export interface PublicRegion {
  code: string;
  name: string;
  level: "PROVINCE" | "CITY" | "COUNTY";
  /** 0 for a province, 1 for a city, 2 for a county (depth in the tree) */
  depth: number;
  parentCode: string | null;
  /** published reports (current versions) of agencies in this region and everything under it */
  reportCount: number;
}

/** Regions in tree order (each followed by its children), with their published report counts. */
export async function listPublicRegions(db: Db): Promise<PublicRegion[]> {
  const rows = await db.$queryRaw<(Omit<PublicRegion, "depth" | "reportCount"> & { path: string; reportCount: bigint })[]>`
    WITH published AS (
      SELECT DISTINCT pv."reportId", reg."path"
        FROM "PublishedVersion" pv
        JOIN "Report" r ON r."id" = pv."reportId"
        JOIN "Agency" a ON a."id" = r."agencyId"
        JOIN "Region" reg ON reg."code" = a."regionCode"
    )
    SELECT sel."code", sel."name", sel."level"::text AS "level", sel."parentCode", sel."path",
           count(p."reportId") AS "reportCount"
      FROM "Region" sel
      JOIN published p ON p."path" LIKE sel."path" || '%'
     GROUP BY sel."code"
     ORDER BY sel."path"`;
  return rows.map(({ path, reportCount, ...r }) => ({
    ...r,
    depth: path.split("/").filter(Boolean).length - 1,
    reportCount: Number(reportCount),
  }));
}

/** Years with at least one published report, newest first. */
export async function listPublishedYears(db: Db): Promise<number[]> {
  const rows = await db.$queryRaw<{ year: number }[]>`
    SELECT DISTINCT r."year" FROM "Report" r
     WHERE EXISTS (SELECT 1 FROM "PublishedVersion" pv WHERE pv."reportId" = r."id")
     ORDER BY r."year" DESC`;
  return rows.map((r) => r.year);
}
