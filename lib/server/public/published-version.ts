import "server-only";
import { canonicalJson, type ReportDocument } from "@/lib/exchange";
import { readQualityNotes } from "@/lib/validation";
import { db } from "../db";

/**
 * `?version=N` as given in a URL: undefined when absent (the current version), null when
 * malformed (nothing can match it: the caller answers 404).
 */
export function parseVersionParam(value: string | null): number | undefined | null {
  if (value === null) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value)) return null;
  return Number(value);
}

/**
 * One published version of a report — the newest, or version `versionNo` — or null when
 * the report has no such publication. Only PublishedVersion is read: a draft, submitted
 * or approved report has none, so it can never leak through here. Public: no session.
 */
export async function getPublishedVersion(code: string, year: number, versionNo?: number) {
  const version = await db.publishedVersion.findFirst({
    where: { report: { year, agency: { code } }, ...(versionNo !== undefined ? { versionNo } : {}) },
    orderBy: { versionNo: "desc" },
    select: { id: true, versionNo: true, document: true, publishedAt: true, changeNote: true, qualityNotes: true },
  });
  if (!version) return null;
  // jsonb keeps no key order: restore the exchange format's canonical order
  return { ...version, document: canonicalJson(version.document as unknown as ReportDocument), qualityNotes: readQualityNotes(version.qualityNotes) };
}
