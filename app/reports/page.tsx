import type { Metadata } from "next";
import Link from "@/components/layout/IntentLink";
import { ReportResultsTable } from "@/components/public/ReportResultsTable";
import { findPublishedReports, getPublicRegions, getPublishedYears } from "@/lib/server/public/published-reports";
import { hasReportFilters, parseReportFilters, reportFiltersQuery, searchTerms, type ReportFilters } from "@/lib/server/public/report-filters";

// The list changes whenever a report is published; it is read on each request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "查询公开报告" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageNumbers(page: number, pageCount: number): (number | "gap")[] {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((n, i) => (i > 0 && n - sorted[i - 1]! > 1 ? (["gap", n] as const) : [n]));
}

function Pagination({ filters, page, pageCount }: { filters: ReportFilters; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const href = (n: number) => `/reports${reportFiltersQuery({ ...filters, page: n })}`;
  return (
    <nav className="pagination" aria-label="分页">
      {page > 1 ? <Link href={href(page - 1)} rel="prev">上一页</Link> : <span className="disabled">上一页</span>}
      {pageNumbers(page, pageCount).map((n, i) =>
        n === "gap" ? (
          <span key={`gap-${i}`} aria-hidden="true">…</span>
        ) : n === page ? (
          <span key={n} aria-current="page" className="current">
            {n}
          </span>
        ) : (
          <Link key={n} href={href(n)} aria-label={`第 ${n} 页`}>
            {n}
          </Link>
        ),
      )}
      {page < pageCount ? <Link href={href(page + 1)} rel="next">下一页</Link> : <span className="disabled">下一页</span>}
    </nav>
  );
}

export default async function ReportsPage({ searchParams }: Props) {
  const filters = parseReportFilters(await searchParams);
  const [result, regions, years] = await Promise.all([findPublishedReports(filters), getPublicRegions(), getPublishedYears()]);
  const selectedRegion = regions.find((r) => r.code === filters.region);
  const filtered = hasReportFilters(filters);
  return (
    <>
      <h1 className="page-title">查询公开报告</h1>
      <p className="lead">按地区、单位、年度或报告正文查找已公开发布的政府信息公开工作年度报告。</p>

      <div className="card">
        {/* a plain GET form: works without JavaScript, and the URL carries the filters */}
        <form method="get" action="/reports" className="filters" role="search" aria-label="查询条件">
          <div className="form-field">
            <label htmlFor="f-q">报告正文</label>
            <input id="f-q" name="q" type="search" defaultValue={filters.q} placeholder="如：政务微博" maxLength={100} />
          </div>
          <div className="form-field">
            <label htmlFor="f-agency">单位名称或代码</label>
            <input id="f-agency" name="agency" type="search" defaultValue={filters.agency} placeholder="如：习岗镇、640122100000" maxLength={60} />
          </div>
          <div className="form-field">
            <label htmlFor="f-region">所属地区</label>
            <select id="f-region" name="region" defaultValue={selectedRegion ? filters.region : ""}>
              <option value="">全部地区</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {"\u3000".repeat(r.depth)}
                  {r.name}（{r.reportCount}）
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="f-year">年度</label>
            <select id="f-year" name="year" defaultValue={filters.year ? String(filters.year) : ""}>
              <option value="">全部年度</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y} 年度
                </option>
              ))}
            </select>
          </div>
          <div className="form-field actions">
            <button type="submit" className="btn">
              查询
            </button>
            {filtered && <Link href="/reports">清除条件</Link>}
          </div>
        </form>
      </div>

      <section className="card" aria-labelledby="results-heading">
        <h2 id="results-heading" className="section-title">
          查询结果
        </h2>
        <p role="status" className="muted">
          {result.total === 0
            ? filtered
              ? "没有符合条件的已公开报告。"
              : "暂无已公开发布的年度报告。"
            : `共 ${result.total} 份报告${result.pageCount > 1 ? `，第 ${result.page} / ${result.pageCount} 页` : ""}。`}
          {selectedRegion && (
            <>
              {" "}
              地区：{selectedRegion.name}（含下级地区）。
            </>
          )}
        </p>
        {result.hits.length > 0 && <ReportResultsTable hits={result.hits} caption="已公开的年度报告" terms={searchTerms(filters.q)} />}
        <Pagination filters={filters} page={result.page} pageCount={result.pageCount} />
      </section>
    </>
  );
}
