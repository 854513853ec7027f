import { NextResponse } from "next/server";
import { getPublishedReport, parseReportKey } from "@/lib/server/public/published-reports";
import { parseVersionParam } from "@/lib/server/public/published-version";

// The public API of SPEC: the published report in the exchange format (?version=N: an earlier
// published version); 404 for anything unpublished.
export async function GET(req: Request, { params }: { params: Promise<{ code: string; year: string }> }) {
  const { code, year } = await params;
  const key = parseReportKey(code, year);
  const versionNo = parseVersionParam(new URL(req.url).searchParams.get("version"));
  const report = !key || versionNo === null ? null : await getPublishedReport(key.code, key.year, versionNo);
  if (!report) {
    return NextResponse.json({ error: "报告不存在或尚未公开发布。" }, { status: 404 });
  }
  // The body stays the exchange document; data-quality notes of a report imported as
  // published elsewhere travel beside it (docs/exchange-format.md "Data-quality notes"):
  // their count in a header, the notes themselves at the companion URL.
  const notesUrl = `/api/reports/${report.document.agency.code}/${report.document.year}/quality-notes`;
  return NextResponse.json(report.document, {
    headers: {
      "Cache-Control": "public, max-age=60, stale-while-revalidate=300",
      "Content-Disposition": `inline; filename="${report.document.agency.code}-${report.document.year}.json"`,
      "X-Data-Quality-Notes": String(report.qualityNotes.length),
      Link: `<${notesUrl}>; rel="describedby"; type="application/json"`,
    },
  });
}
