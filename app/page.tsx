import Link from "next/link";
import { formatDate } from "@/lib/reports/format";
import { listPublishedReports } from "@/lib/server/public/published-reports";
import { reportTitle } from "@/lib/templates";

// The list changes whenever a report is published; it is read on each request.
export const dynamic = "force-dynamic";

export default async function PublishedReportsPage() {
  const reports = await listPublishedReports();
  return (
    <>
      <h1 className="page-title">政府信息公开工作年度报告</h1>
      <p className="lead">各单位依据《中华人民共和国政府信息公开条例》公开发布的年度报告。</p>
      <div className="card">
        {reports.length === 0 ? (
          <p className="muted">暂无已公开发布的年度报告。</p>
        ) : (
          <table className="data" aria-label="已公开的年度报告">
            <thead>
              <tr>
                <th>报告</th>
                <th>所属地区</th>
                <th>年度</th>
                <th>发布日期</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={`${r.code}-${r.year}`}>
                  <td>
                    <Link href={`/reports/${r.code}/${r.year}`}>{reportTitle(r.agencyName, r.year)}</Link>
                    {r.versionNo > 1 && <span className="muted">（已更正，第 {r.versionNo} 版）</span>}
                  </td>
                  <td>{r.regionName}</td>
                  <td>{r.year}</td>
                  <td>{formatDate(r.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
