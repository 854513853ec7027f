import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QualityNotes } from "@/components/reports/QualityNotes";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { formatDate } from "@/lib/reports/format";
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
  const doc = report.document;
  return (
    <>
      <nav className="no-print muted" aria-label="报告信息" style={{ marginBottom: 12 }}>
        <Link href="/">公开报告</Link> › {doc.agency.region.name} › {doc.agency.name} › {doc.year} 年度
        <span style={{ float: "right" }}>
          发布于 {formatDate(report.publishedAt)}
          {report.versionNo > 1 && `（第 ${report.versionNo} 版）`} ·{" "}
          <a href={`/api/reports/${doc.agency.code}/${doc.year}`} download={`${doc.agency.code}-${doc.year}.json`}>
            下载 JSON
          </a>
        </span>
      </nav>
      <QualityNotes notes={report.qualityNotes} />
      <ReportDocumentView doc={doc} />
    </>
  );
}
