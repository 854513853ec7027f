import "server-only";
// One agency's published years side by side: the key figures of each year's current
// published version, computed by PostgreSQL from the snapshots.
import type { KeyFigureValues } from "@/lib/statistics/key-figures";
import { db } from "../db";
import { documentKeyFigureColumns } from "./sql";
import { isAgencyCode } from "@/lib/codes";

export function parseAgencyCode(code: string): string | null {
  return isAgencyCode(code) ? code : null;
}

export interface AgencyYear extends KeyFigureValues {
  year: number;
  /** "2019" | "2021" (the enum as stored) */
  template: string;
  versionNo: number;
  publishedAt: Date;
}

export interface AgencyHistory {
  code: string;
  name: string;
  region: { code: string; name: string };
  years: AgencyYear[];
}

export async function getAgencyHistory(code: string): Promise<AgencyHistory | null> {
  const agency = await db.agency.findUnique({
    where: { code },
    select: { id: true, code: true, name: true, region: { select: { code: true, name: true } } },
  });
  if (!agency) return null;
  const years = await db.$queryRaw<AgencyYear[]>`
    SELECT r."year", r."template"::text AS "template", v."versionNo", v."publishedAt", ${documentKeyFigureColumns("v")}
    FROM "Report" r
    JOIN LATERAL (
      SELECT "versionNo", "publishedAt", "document" FROM "PublishedVersion" p
      WHERE p."reportId" = r."id" ORDER BY p."versionNo" DESC LIMIT 1
    ) v ON true
    WHERE r."agencyId" = ${agency.id}
    ORDER BY r."year"`;
  return { code: agency.code, name: agency.name, region: agency.region, years };
}
