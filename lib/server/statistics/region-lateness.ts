import "server-only";
// A region's on-time record (考核 of 按期发布): each active agency under the region (its whole
// subtree) × each reporting year, with the year's deadline and the report's first publication,
// judged by the one definition in lib/reports/lateness.ts. Publication dates are public (every
// published version shows its date), and so is the absence of a report, so this is open data
// like the region's other downloads. One query, whatever the number of agencies.
import { deadlineDay, lateness, type Lateness, type LatenessKind } from "@/lib/reports/lateness";
import { db } from "../db";
import { regionPath } from "../regions/ensure-region";

export interface LatenessRecordRow {
  agencyCode: string;
  agencyName: string;
  year: number;
  /** the deadline as a calendar day, YYYY-MM-DD */
  deadlineDay: string;
  firstPublishedAt: Date | null;
  lateness: Lateness;
}

/** The region's record, newest year first, agencies by code; `year` limits it to one year. */
export async function regionLatenessRecord(regionCode: string, options: { year?: number; now?: Date } = {}): Promise<LatenessRecordRow[]> {
  const prefix = regionPath(regionCode);
  const rows = await db.$queryRaw<{ code: string; name: string; year: number; deadline: Date | null; firstPublishedAt: Date | null }[]>`
    SELECT a."code", a."name", y."year", y."deadline",
           (SELECT min(v."publishedAt") FROM "Report" r JOIN "PublishedVersion" v ON v."reportId" = r."id"
             WHERE r."agencyId" = a."id" AND r."year" = y."year") AS "firstPublishedAt"
      FROM "Agency" a
      JOIN "Region" g ON g."code" = a."regionCode"
      CROSS JOIN "ReportingYear" y
     WHERE a."active" AND g."path" LIKE ${prefix + "%"}
       AND (${options.year ?? null}::int IS NULL OR y."year" = ${options.year ?? null}::int)
     ORDER BY y."year" DESC, a."code"`;
  const now = options.now ?? new Date();
  return rows.map((r) => ({
    agencyCode: r.code,
    agencyName: r.name,
    year: r.year,
    deadlineDay: deadlineDay(r.year, r.deadline),
    firstPublishedAt: r.firstPublishedAt,
    lateness: lateness({ year: r.year, deadline: r.deadline, firstPublishedAt: r.firstPublishedAt, now }),
  }));
}

export interface OnTimeRate {
  /** 应报: active agencies under the region */
  due: number;
  /** 按期发布 */
  onTime: number;
  /** 逾期发布 */
  late: number;
  /** onTime / due, or null with nothing due */
  rate: number | null;
}

/**
 * The year's on-time rate. Only what a publication, a directory change or a reporting year's
 * change alters (按期 and 逾期发布 counts, the agencies due), never what the passing of a day
 * alters; the stamp-keyed region page that shows it counts all three
 * (lib/server/cache/public-routes.ts).
 */
export async function regionOnTimeRate(regionCode: string, year: number): Promise<OnTimeRate> {
  const rows = await regionLatenessRecord(regionCode, { year });
  const count = (k: LatenessKind) => rows.filter((r) => r.lateness.kind === k).length;
  const onTime = count("ON_TIME");
  return { due: rows.length, onTime, late: count("LATE"), rate: rows.length ? onTime / rows.length : null };
}
