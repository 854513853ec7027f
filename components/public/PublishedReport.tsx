// A published report page: where it sits (breadcrumb), its dates, its downloads, the report
// itself in the official layout, and its version history. Used for the current version
// (/reports/CODE/YEAR) and for an earlier one (/reports/CODE/YEAR/versions/N).
import Link from "@/components/layout/IntentLink";
import { QualityNotes } from "@/components/reports/QualityNotes";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { formatDate } from "@/lib/reports/format";
import type { PublishedReportView } from "@/lib/server/public/read-published-report";
import { DOWNLOAD_FORMATS, downloadPath, formatIssuedOn, reportPath, reportVersionPath } from "./report-links";

export function PublishedReport({ report }: { report: PublishedReportView }) {
  const doc = report.document;
  const { code } = doc.agency;
  const downloadVersion = report.isCurrent ? undefined : report.versionNo;
  return (
    <>
      <nav className="breadcrumb no-print" aria-label="当前位置">
        <ol>
          <li>
            <Link href="/reports">公开报告</Link>
          </li>
          <li>
            <Link href={`/reports?region=${doc.agency.region.code}`}>{doc.agency.region.name}</Link>
          </li>
          <li>
            <Link href={`/reports?agency=${encodeURIComponent(code)}`}>{doc.agency.name}</Link>
          </li>
          <li aria-current="page">
            {doc.year} 年度{!report.isCurrent && `（第 ${report.versionNo} 版）`}
          </li>
        </ol>
      </nav>

      {!report.isCurrent && (
        <div className="alert superseded" role="note">
          <strong>此为已被更正取代的旧版本</strong>：第 {report.versionNo} 版，于 {formatDate(report.publishedAt)} 发布；现行版本为第{" "}
          {report.currentVersionNo} 版。<Link href={reportPath(code, doc.year)}>查看现行版本</Link>
        </div>
      )}

      <div className="report-meta no-print">
        <dl>
          <div>
            <dt>成文日期</dt>
            <dd>
              <time dateTime={doc.issuedOn ?? undefined}>{formatIssuedOn(doc.issuedOn)}</time>
            </dd>
          </div>
          <div>
            <dt>本站发布日期</dt>
            <dd>
              <time dateTime={report.firstPublishedAt.toISOString()}>{formatDate(report.firstPublishedAt)}</time>
            </dd>
          </div>
          {report.versions.length > 1 && (
            <div>
              <dt>{report.isCurrent ? "最近更正" : "本版发布日期"}</dt>
              <dd>
                <time dateTime={report.publishedAt.toISOString()}>{formatDate(report.publishedAt)}</time>（第 {report.versionNo} 版）
              </dd>
            </div>
          )}
        </dl>
        <nav className="downloads" aria-label="下载">
          <span>下载{report.isCurrent ? "" : `第 ${report.versionNo} 版`}：</span>
          <ul>
            {DOWNLOAD_FORMATS.map((f) => (
              <li key={f.key}>
                <a href={downloadPath(code, doc.year, f.key, downloadVersion)} title={f.description} aria-label={"name" in f ? f.name : undefined}>
                  {f.label}
                </a>
              </li>
            ))}
          </ul>
          <span className="print-hint">打印：使用浏览器的打印功能（A4）</span>
        </nav>
      </div>

      <QualityNotes notes={report.qualityNotes} />
      <ReportDocumentView doc={doc} />

      <section className="card version-history no-print" aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="section-title">
          版本记录
        </h2>
        <div className="table-frame">
          <table className="data">
            <caption className="visually-hidden">版本记录</caption>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">本站发布日期</th>
                <th scope="col">更正说明</th>
              </tr>
            </thead>
            <tbody>
              {[...report.versions].reverse().map((v) => {
                const current = v.versionNo === report.currentVersionNo;
                const shown = v.versionNo === report.versionNo;
                const label = `第 ${v.versionNo} 版${current ? "（现行）" : ""}`;
                return (
                  <tr key={v.versionNo} aria-current={shown ? "page" : undefined}>
                    <th scope="row">
                      {shown ? (
                        <strong>{label}</strong>
                      ) : (
                        <Link href={current ? reportPath(code, doc.year) : reportVersionPath(code, doc.year, v.versionNo)}>{label}</Link>
                      )}
                    </th>
                    <td>
                      <time dateTime={v.publishedAt.toISOString()}>{formatDate(v.publishedAt)}</time>
                    </td>
                    <td>{v.changeNote ?? (v.versionNo === 1 ? "首次发布" : "—")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
