import { NextResponse } from "next/server";
import { getPublishedReport, parseReportKey } from "@/lib/server/public/published-reports";

// Companion of /api/reports/CODE/YEAR: the data-quality notes of the current published
// version (empty for a report filed in the system); 404 for anything unpublished.
export async function GET(_req: Request, { params }: { params: Promise<{ code: string; year: string }> }) {
  const { code, year } = await params;
  const key = parseReportKey(code, year);
  const report = key ? await getPublishedReport(key.code, key.year) : null;
  if (!report) {
    return NextResponse.json({ error: "报告不存在或尚未公开发布。" }, { status: 404 });
  }
  return NextResponse.json(
    {
      agency: { code: report.document.agency.code, name: report.document.agency.name },
      year: report.document.year,
      versionNo: report.versionNo,
      qualityNotes: report.qualityNotes,
    },
    { headers: { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } },
  );
}
