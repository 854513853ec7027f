import "server-only";
import { canonicalJson, type ReportDocument } from "@/lib/exchange";
import { readQualityNotes } from "@/lib/validation";
import { db } from "../db";

const AGENCY_CODE = /^[0-9A-Za-z-]{2,40}$/;
const YEAR = /^\d{4}$/;

/** Route parameters as they come from the URL; anything malformed is simply "not found". */
export function parseReportKey(code: string, year: string): { code: string; year: number } | null {
  if (!AGENCY_CODE.test(code) || !YEAR.test(year)) return null;
  return { code, year: Number(year) };
}

/** The current published version of a report (the newest publication), or null. Public: no session. */
export async function getPublishedReport(code: string, year: number) {
  const version = await db.publishedVersion.findFirst({
    where: { report: { year, agency: { code } } },
    orderBy: { versionNo: "desc" },
    select: { versionNo: true, document: true, publishedAt: true, changeNote: true, qualityNotes: true },
  });
  if (!version) return null;
  // jsonb keeps no key order: restore the exchange format's canonical order
  return {
    ...version,
    document: canonicalJson(version.document as unknown as ReportDocument),
    // a report imported as published elsewhere: what its printed figures leave blank or break
    qualityNotes: readQualityNotes(version.qualityNotes),
  };
}

/** Every published report, newest year first: what the public can browse. */
export async function listPublishedReports() {
  const reports = await db.report.findMany({
    where: { versions: { some: {} } },
    orderBy: [{ year: "desc" }, { agency: { region: { path: "asc" } } }, { agency: { code: "asc" } }],
    select: {
      year: true,
      publishedAt: true,
      agency: { select: { code: true, name: true, region: { select: { name: true } } } },
      versions: { orderBy: { versionNo: "desc" }, take: 1, select: { versionNo: true, publishedAt: true } },
    },
  });
  return reports.map((r) => ({
    code: r.agency.code,
    agencyName: r.agency.name,
    regionName: r.agency.region.name,
    year: r.year,
    versionNo: r.versions[0]?.versionNo ?? 1,
    publishedAt: r.versions[0]?.publishedAt ?? r.publishedAt,
  }));
}
