// The landing page: the newest publications and the region tree. Served from the cached,
// stamp-keyed route app/published-home/[stamp] that proxy.ts rewrites / to.
import Link from "@/components/layout/IntentLink";
import { ReportResultsTable } from "@/components/public/ReportResultsTable";
import { getPublicRegions, getPublishedYears, latestPublishedReports } from "@/lib/server/public/published-reports";
import type { PublicRegion } from "@/lib/server/public/list-report-facets";

const LATEST_COUNT = 10;

function RegionTree({ regions, parentCode }: { regions: PublicRegion[]; parentCode: string | null }) {
  const children = regions.filter((r) => r.parentCode === parentCode || (parentCode === null && !regions.some((p) => p.code === r.parentCode)));
  if (!children.length) return null;
  return (
    <ul className="region-tree">
      {children.map((r) => (
        <li key={r.code}>
          <Link href={`/reports?region=${r.code}`}>{r.name}</Link> <span className="muted">{r.reportCount} 份报告</span>
          {" · "}
          <Link href={`/regions/${r.code}`} aria-label={`${r.name}统计`}>
            统计
          </Link>
          <RegionTree regions={regions} parentCode={r.code} />
        </li>
      ))}
    </ul>
  );
}

export async function HomePage() {
  const [latest, regions, years] = await Promise.all([latestPublishedReports(LATEST_COUNT), getPublicRegions(), getPublishedYears()]);
  return (
    <>
      <h1 className="page-title">政府信息公开工作年度报告</h1>
      <p className="lead">
        各行政机关依据《中华人民共和国政府信息公开条例》第四十九条、第五十条，于每年 1 月 31 日前公开发布上一年度的政府信息公开工作年度报告。本站提供已发布报告的查询、阅读、打印与下载。
      </p>

      <div className="card">
        <form method="get" action="/reports" className="filters" role="search" aria-label="查找报告">
          <div className="form-field grow">
            <label htmlFor="home-q">在报告正文中查找</label>
            <input id="home-q" name="q" type="search" maxLength={100} placeholder="如：政务微博、依申请公开" />
          </div>
          <div className="form-field actions">
            <button type="submit" className="btn">
              查找
            </button>
            <Link href="/reports">按地区、单位、年度查询</Link>
          </div>
        </form>
      </div>

      <section className="card" aria-labelledby="latest-heading">
        <h2 id="latest-heading" className="section-title">
          最新发布
        </h2>
        {latest.hits.length === 0 ? (
          <p className="muted">暂无已公开发布的年度报告。</p>
        ) : (
          <>
            <ReportResultsTable hits={latest.hits} caption="最新发布的年度报告" />
            <p>
              <Link href="/reports">查看全部 {latest.total} 份已公开报告</Link>
            </p>
          </>
        )}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="regions-heading">
          <h2 id="regions-heading" className="section-title">
            按地区浏览
          </h2>
          {regions.length ? <RegionTree regions={regions} parentCode={null} /> : <p className="muted">暂无。</p>}
        </section>
        <section className="card" aria-labelledby="years-heading">
          <h2 id="years-heading" className="section-title">
            按年度浏览
          </h2>
          {years.length ? (
            <ul className="year-list">
              {years.map((y) => (
                <li key={y}>
                  <Link href={`/reports?year=${y}`}>{y} 年度</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">暂无。</p>
          )}
          <h2 className="section-title">开放数据</h2>
          <p>
            已发布报告的数据可按地区、年度批量下载（CSV 与 JSON）。<Link href="/data">开放数据说明与下载</Link>
          </p>
        </section>
      </div>
    </>
  );
}
