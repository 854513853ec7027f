import "server-only";
import { cache } from "react";
import { db } from "../db";
import { listPublicRegions, listPublishedYears } from "./list-report-facets";
import { readPublishedReport } from "./read-published-report";
import type { ReportFilters } from "./report-filters";
import { searchPublishedReports, type PublishedReportOrder } from "./search-published-reports";
import { AGENCY_CODE, YEAR_IN_PATH } from "@/lib/codes";

// The public site's data reads, bound to the app's database. Each takes plain arguments
// (code, year, filters) so it can be cached per argument.

const VERSION = /^[1-9]\d{0,3}$/;

/** Route parameters as they come from the URL; anything malformed is simply "not found". */
export function parseReportKey(code: string, year: string): { code: string; year: number } | null {
  if (!AGENCY_CODE.test(code) || !YEAR_IN_PATH.test(year)) return null;
  return { code, year: Number(year) };
}

/** A version number from a URL (`/versions/N`, `?version=N`), or null when malformed. */
export function parseVersionNo(value: string | null | undefined): number | null {
  return value && VERSION.test(value) ? Number(value) : null;
}

/**
 * `?version=N` as given in a URL: undefined when absent (the current version), null when
 * malformed (nothing can match it: the caller answers 404).
 */
export function parseVersionParam(value: string | null): number | undefined | null {
  return value === null ? undefined : parseVersionNo(value);
}

/**
 * A published version of a report (the current one unless `versionNo` is given) with its
 * version history, or null when the report has no such published version. Public: no session.
 */
export function getPublishedReport(code: string, year: number, versionNo?: number) {
  return readPublishedReport(db, code, year, versionNo);
}

/** Published reports (current versions only) matching the list's filters, one page of them. */
/** The route params of a published version's page (/reports/CODE/YEAR/versions/N and its twin). */
export type VersionPageParams = { params: Promise<{ code: string; year: string; version: string }> };

/** The published version a page's params name, or null (malformed, unknown or unpublished). */
// once per render: a page's metadata and its body read the same version (without this, twice each)
const readVersionOnce = cache((code: string, year: string, version: string) => {
  const key = parseReportKey(code, year);
  const versionNo = parseVersionNo(version);
  return key && versionNo ? getPublishedReport(key.code, key.year, versionNo) : null;
});

export async function publishedVersionOfParams({ params }: VersionPageParams) {
  const { code, year, version } = await params;
  return readVersionOnce(code, year, version);
}

export function findPublishedReports(filters: ReportFilters, options?: { order?: PublishedReportOrder; pageSize?: number }) {
  return searchPublishedReports(db, filters, options);
}

/** The newest publications, for the landing page. */
export function latestPublishedReports(count: number) {
  return searchPublishedReports(db, { q: "", agency: "", region: "", year: null, page: 1 }, { order: "latest", pageSize: count });
}

export function getPublicRegions() {
  return listPublicRegions(db);
}

export function getPublishedYears() {
  return listPublishedYears(db);
}
