import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PublishedReport } from "@/components/public/PublishedReport";
import { reportPath } from "@/components/public/report-links";
import { publishedVersionOfParams, type VersionPageParams } from "@/lib/server/public/published-reports";
import { reportTitle } from "@/lib/templates";

// An earlier published version of a report, kept readable and marked as superseded.
export const dynamic = "force-dynamic";

export async function generateMetadata(props: VersionPageParams): Promise<Metadata> {
  const report = await publishedVersionOfParams(props);
  if (!report) return { title: "报告不存在" };
  return {
    title: `${reportTitle(report.document.agency.name, report.document.year)}（第 ${report.versionNo} 版，已更正）`,
    robots: { index: false },
  };
}

export default async function PublishedReportVersionPage(props: VersionPageParams) {
  const report = await publishedVersionOfParams(props);
  if (!report) notFound();
  // the current version has one address
  if (report.isCurrent) redirect(reportPath(report.document.agency.code, report.document.year));
  return <PublishedReport report={report} />;
}
