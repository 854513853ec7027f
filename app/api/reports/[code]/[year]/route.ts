import { NextResponse } from "next/server";
import { getPublishedReport, parseReportKey, parseVersionParam } from "@/lib/server/public/published-reports";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-control";
import { matchesIfNoneMatch } from "@/lib/http/etag";
import { downloadEtag } from "@/lib/server/public/report-download";

// The public API of docs/product.md: the published report in the exchange format (?version=N: an earlier
// published version); 404 for anything unpublished. A published version never changes, so its
// id is a strong validator: a client or proxy holding it gets 304 Not Modified.
export async function GET(req: Request, { params }: { params: Promise<{ code: string; year: string }> }) {
  const { code, year } = await params;
  const key = parseReportKey(code, year);
  const versionNo = parseVersionParam(new URL(req.url).searchParams.get("version"));
  const report = !key || versionNo === null ? null : await getPublishedReport(key.code, key.year, versionNo);
  if (!report) {
    return NextResponse.json({ error: "报告不存在或尚未公开发布。" }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  const etag = downloadEtag(report.id, "json");
  // The body stays the exchange document; data-quality notes of a report imported as
  // published elsewhere travel beside it (docs/exchange-format.md "Data-quality notes"):
  // their count in a header, the notes themselves at the companion URL.
  const notesUrl = `/api/reports/${report.document.agency.code}/${report.document.year}/quality-notes`;
  const headers = {
    ETag: etag,
    "Last-Modified": report.publishedAt.toUTCString(),
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "X-Data-Quality-Notes": String(report.qualityNotes.length),
    Link: `<${notesUrl}>; rel="describedby"; type="application/json"`,
  };
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return NextResponse.json(report.document, {
    headers: { ...headers, "Content-Disposition": `inline; filename="${report.document.agency.code}-${report.document.year}.json"` },
  });
}
