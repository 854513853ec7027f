import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublishedReport } from "@/components/public/PublishedReport";
import { getPublishedReport, parseReportKey } from "@/lib/server/public/published-reports";
import { reportTitle } from "@/lib/templates";

// Read on each request: a full-route cache would also keep a 404 for a report that is
// published a moment later (e.g. by `npm run cli -- import --publish`).
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ code: string; year: string }> };

async function load({ params }: Params) {
  const { code, year } = await params;
  const key = parseReportKey(code, year);
  return key ? getPublishedReport(key.code, key.year) : null;
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const report = await load(props);
  return { title: report ? reportTitle(report.document.agency.name, report.document.year) : "报告不存在" };
}

export default async function PublishedReportPage(props: Params) {
  const report = await load(props);
  if (!report) notFound();
  return <PublishedReport report={report} />;
}
