import "server-only";
// The current published version of every report under a region for a year, read in
// batches (keyset on the agency code) so that bulk downloads stream per report and never
// hold a province's reports in memory at once. Drafts and unpublished versions never appear.
import { canonicalJson, type ReportDocument } from "@/lib/exchange";
import { db } from "../db";

const BATCH = 200;

export interface PublishedDocumentRow {
  agencyCode: string;
  versionNo: number;
  document: ReportDocument;
}

export async function* publishedDocumentsUnder(regionCode: string, year: number): AsyncGenerator<PublishedDocumentRow> {
  let after = "";
  for (;;) {
    const batch = await db.$queryRaw<{ agencyCode: string; versionNo: number; document: unknown }[]>`
      SELECT a."code" AS "agencyCode", v."versionNo", v."document"
      FROM "Region" g
      JOIN "Agency" a ON a."regionCode" = g."code"
      JOIN "Report" r ON r."agencyId" = a."id" AND r."year" = ${year}
      JOIN LATERAL (
        SELECT "versionNo", "document" FROM "PublishedVersion" p
        WHERE p."reportId" = r."id" ORDER BY p."versionNo" DESC LIMIT 1
      ) v ON true
      WHERE g."path" LIKE (SELECT "path" FROM "Region" WHERE "code" = ${regionCode}) || '%'
        AND a."code" > ${after}
      ORDER BY a."code"
      LIMIT ${BATCH}`;
    for (const row of batch) {
      yield { agencyCode: row.agencyCode, versionNo: row.versionNo, document: canonicalJson(row.document as ReportDocument) };
    }
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]!.agencyCode;
  }
}
