import "server-only";
import { writeCsv } from "@/lib/documents/csv-writer";
import { matchesIfNoneMatch, strongEtag } from "@/lib/http/etag";
import { writeDocx } from "@/lib/documents/docx-writer";
import { CONTENT_TYPES, asciiFileName, attachmentDisposition, downloadFileName, type DocumentFormat } from "@/lib/documents/names";
import { writeXlsx } from "@/lib/documents/xlsx-writer";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-control";
import { getPublishedReport, parseReportKey, parseVersionParam } from "./published-reports";

const NOT_FOUND = "报告不存在或尚未公开发布。";
const VERSION_NOT_FOUND = "该报告没有这一发布版本。";

/** Strong validator: a published version is immutable, so its id and the format name the bytes. */
export function downloadEtag(publishedVersionId: string, format: string): string {
  return strongEtag(publishedVersionId, format);
}

function notFound(message: string) {
  return Response.json({ error: message }, { status: 404, headers: { "Cache-Control": "no-store" } });
}

const WRITERS: Record<DocumentFormat, (doc: Parameters<typeof writeDocx>[0]) => Promise<Buffer> | Buffer> = {
  docx: writeDocx,
  xlsx: writeXlsx,
  csv: writeCsv,
};

/**
 * GET /api/reports/CODE/YEAR/{docx,xlsx,csv}[?version=N]: the published report (or one of
 * its earlier published versions) as a file download; 404 (Chinese JSON) for anything
 * unpublished or unknown; 304 when the client already holds these bytes.
 */
export async function reportDownloadResponse(req: Request, params: Promise<{ code: string; year: string }>, format: DocumentFormat) {
  const { code, year } = await params;
  const key = parseReportKey(code, year);
  if (!key) return notFound(NOT_FOUND);
  const versionNo = parseVersionParam(new URL(req.url).searchParams.get("version"));
  if (versionNo === null) return notFound(VERSION_NOT_FOUND);
  const version = await getPublishedReport(key.code, key.year, versionNo);
  if (!version) return notFound(versionNo === undefined ? NOT_FOUND : VERSION_NOT_FOUND);

  const etag = downloadEtag(version.id, format);
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "Last-Modified": version.publishedAt.toUTCString(),
  };
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });

  const doc = version.document;
  const bytes = await WRITERS[format](doc);
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      ...headers,
      "Content-Type": CONTENT_TYPES[format],
      "Content-Length": String(bytes.length),
      "Content-Disposition": attachmentDisposition(downloadFileName(doc.agency.name, doc.year, format), asciiFileName(doc.agency.code, doc.year, format)),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
