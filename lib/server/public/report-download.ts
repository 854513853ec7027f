import "server-only";
import { writeCsv } from "@/lib/documents/csv-writer";
import { matchesIfNoneMatch, strongEtag } from "@/lib/http/etag";
import { writeDocx } from "@/lib/documents/docx-writer";
import { CONTENT_TYPES, asciiFileName, attachmentDisposition, downloadFileName, type DocumentFormat } from "@/lib/documents/names";
import { writeXlsx } from "@/lib/documents/xlsx-writer";
import { PdfFontsMissingError } from "@/lib/documents/pdf-fonts";
import { writePdf } from "@/lib/documents/pdf-writer";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-control";
import { Lru } from "@/lib/server/cache/lru.cjs";
import { getPublishedReport, parseReportKey, parseVersionParam } from "./published-reports";
import type { PublishedReportView } from "./read-published-report";

const NOT_FOUND = "报告不存在或尚未公开发布。";
const VERSION_NOT_FOUND = "该报告没有这一发布版本。";
const PDF_UNAVAILABLE = "PDF 暂时无法生成：服务器尚未安装中文字体（fonts-noto-cjk）。请改用 Word 或 Excel 下载，或联系网站管理员。";

/** Strong validator: a published version is immutable, so its id and the format name the bytes. */
export function downloadEtag(publishedVersionId: string, format: string): string {
  return strongEtag(publishedVersionId, format);
}

function notFound(message: string) {
  return Response.json({ error: message }, { status: 404, headers: { "Cache-Control": "no-store" } });
}

const WRITERS: Record<Exclude<DocumentFormat, "pdf">, (doc: Parameters<typeof writeDocx>[0]) => Promise<Buffer> | Buffer> = {
  docx: writeDocx,
  xlsx: writeXlsx,
  csv: writeCsv,
};

/** Bytes kept per published version (PDF_CACHE_MAX_MB, default 64, per process), least recently used dropped first. */
const PDF_CACHE_MAX_BYTES = (Number(process.env.PDF_CACHE_MAX_MB) || 64) * 1024 * 1024;
/** sized by bytes; a PDF still being written counts 0 until it is done */
const pdfCache = new Lru<Promise<Buffer>>({ maxSize: PDF_CACHE_MAX_BYTES });

/**
 * The PDF of a published version: written on its first request (a second or two of CPU with
 * the CJK subsets), then kept, since a published version never changes. Requests that arrive
 * while it is being written share that work. A failure is not kept.
 */
function publishedPdf(version: PublishedReportView): Promise<Buffer> {
  const hit = pdfCache.get(version.id);
  if (hit) return hit;
  const bytes = writePdf(version.document, {
    qualityNotes: version.qualityNotes,
    versionNo: version.versionNo,
    changeNote: version.changeNote,
    publishedAt: version.publishedAt,
    supersededBy: version.isCurrent ? undefined : version.currentVersionNo,
  });
  pdfCache.set(version.id, bytes, 0);
  bytes.then(
    (b) => {
      if (pdfCache.peek(version.id) === bytes) pdfCache.set(version.id, bytes, b.length);
    },
    () => {
      if (pdfCache.peek(version.id) === bytes) pdfCache.delete(version.id);
    },
  );
  return bytes;
}

/**
 * GET /api/reports/CODE/YEAR/{docx,xlsx,csv,pdf}[?version=N]: the published report (or one of
 * its earlier published versions) as a file download; 404 (Chinese JSON) for anything
 * unpublished or unknown; 304 when the client already holds these bytes; 503 (Chinese JSON)
 * for a PDF while the server lacks its fonts.
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
  let bytes: Buffer;
  try {
    bytes = format === "pdf" ? await publishedPdf(version) : await WRITERS[format](doc);
  } catch (error) {
    if (!(error instanceof PdfFontsMissingError)) throw error;
    console.error(`PDF download unavailable: ${error.message} (install fonts-noto-cjk or set PDF_FONT_DIR)`);
    return Response.json({ error: PDF_UNAVAILABLE }, { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "3600" } });
  }
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
