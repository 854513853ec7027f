// A list of published reports (current versions): the report, its region, year, 成文日期
// and 本站发布日期 — labelled so neither is mistaken for the other.
import Link from "@/components/layout/IntentLink";
import { formatDate } from "@/lib/reports/format";
import type { PublishedReportHit } from "@/lib/server/public/search-published-reports";
import { reportTitle } from "@/lib/templates";
import { formatIssuedOn, reportPath } from "./report-links";

function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  if (!terms.length) return <>{text}</>;
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(${escaped.join("|")})`, "gi"));
  const lower = terms.map((t) => t.toLowerCase());
  return <>{parts.map((p, i) => (lower.includes(p.toLowerCase()) ? <mark key={i}>{p}</mark> : p))}</>;
}

export function ReportResultsTable({ hits, caption, terms = [] }: { hits: PublishedReportHit[]; caption: string; terms?: string[] }) {
  return (
    <div className="table-frame">
      <table className="data results">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">报告</th>
            <th scope="col">所属地区</th>
            <th scope="col">年度</th>
            <th scope="col">成文日期</th>
            <th scope="col">本站发布日期</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((r) => (
            <tr key={`${r.code}-${r.year}`}>
              <td>
                <Link href={reportPath(r.code, r.year)}>{reportTitle(r.agencyName, r.year)}</Link>
                <div className="muted small">
                  单位代码 {r.code}
                  {r.versionNo > 1 && <>　已更正（第 {r.versionNo} 版，{formatDate(r.publishedAt)}）</>}
                </div>
                {r.excerpt && (
                  <p className="excerpt">
                    …<Highlighted text={r.excerpt.replace(/\s+/g, " ")} terms={terms} />…
                  </p>
                )}
              </td>
              <td>{r.regionName}</td>
              <td>{r.year}</td>
              <td>
                <time dateTime={r.issuedOn ?? undefined}>{formatIssuedOn(r.issuedOn)}</time>
              </td>
              <td>
                <time dateTime={r.firstPublishedAt.toISOString()}>{formatDate(r.firstPublishedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
