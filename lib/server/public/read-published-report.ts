// One published report as the public reads it — its pages, the JSON API and the downloads: a
// published version's immutable snapshot (the current one, or an earlier one by number) and
// the report's version history. Only PublishedVersion is read: a draft, submitted or
// approved report has none, so it can never leak through here.
import { canonicalJson, type ReportDocument } from "@/lib/exchange";
import { readQualityNotes, type QualityNote } from "@/lib/validation";
import type { Db } from "../prisma";

export interface PublishedVersionSummary {
  versionNo: number;
  publishedAt: Date;
  /** 更正说明 (null for the first publication) */
  changeNote: string | null;
}

export interface PublishedReportView {
  /** the PublishedVersion's id: names its immutable bytes (the downloads' and the API's ETag) */
  id: string;
  /** the version asked for (the current one when no number was given) */
  versionNo: number;
  document: ReportDocument;
  publishedAt: Date;
  changeNote: string | null;
  /** the newest published version's number */
  currentVersionNo: number;
  isCurrent: boolean;
  /** 本站发布日期: the first publication */
  firstPublishedAt: Date;
  /** every publication, oldest first */
  versions: PublishedVersionSummary[];
  /** a report imported as published elsewhere: what its printed figures leave blank or break */
  qualityNotes: QualityNote[];
}

export async function readPublishedReport(db: Db, code: string, year: number, versionNo?: number): Promise<PublishedReportView | null> {
  const versions = await db.publishedVersion.findMany({
    where: { report: { year, agency: { code } } },
    orderBy: { versionNo: "asc" },
    select: { versionNo: true, publishedAt: true, changeNote: true },
  });
  const current = versions.at(-1);
  if (!current) return null;
  const wanted = versionNo ?? current.versionNo;
  const version = await db.publishedVersion.findFirst({
    where: { versionNo: wanted, report: { year, agency: { code } } },
    select: { id: true, versionNo: true, document: true, publishedAt: true, changeNote: true, qualityNotes: true },
  });
  if (!version) return null;
  return {
    ...version,
    // jsonb keeps no key order: restore the exchange format's canonical order
    document: canonicalJson(version.document as unknown as ReportDocument),
    currentVersionNo: current.versionNo,
    isCurrent: version.versionNo === current.versionNo,
    firstPublishedAt: versions[0]!.publishedAt,
    versions,
    qualityNotes: readQualityNotes(version.qualityNotes),
  };
}
