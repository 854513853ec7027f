// An agency's key figures across years (/agencies/CODE): served from the cached, stamp-keyed
// route app/published-agencies/… that proxy.ts rewrites to, and from app/agencies/[code] when
// there is no such agency (404).
import type { Metadata } from "next";
import Link from "@/components/layout/IntentLink";
import { notFound } from "next/navigation";
import { TrendChart } from "@/components/charts/TrendChart";
import styles from "@/components/statistics/statistics.module.css";
import { formatDate } from "@/lib/reports/format";
import { getAgencyHistory, parseAgencyCode } from "@/lib/server/statistics/agency-history";
import { NumCells } from "./NumCells";
import { formatDecimal } from "@/lib/templates/decimal";
import { KEY_FIGURES } from "@/lib/statistics/key-figures";
import { everyYear } from "@/lib/statistics/year-gaps";

function load(code: string) {
  const agencyCode = parseAgencyCode(code);
  return agencyCode ? getAgencyHistory(agencyCode) : null;
}

export async function agencyPageMetadata(code: string): Promise<Metadata> {
  const a = await load(code);
  return { title: a ? `${a.name}历年政府信息公开数据` : "单位不存在" };
}

export async function AgencyHistoryPage({ code }: { code: string }) {
  const agency = await load(code);
  if (!agency) notFound();
  const years = agency.years;
  // the chart runs over every year from the first report to the last: a gap where none was published
  const slots = everyYear(years);
  const categories = slots.map((s) => String(s.year));
  return (
    <>
      <nav className={`muted no-print ${styles.breadcrumb}`} aria-label="所在地区">
        <Link href="/">公开报告</Link> › <Link href={`/regions/${agency.region.code}`}>{agency.region.name}</Link> › {agency.name}
      </nav>
      <h1 className="page-title">{agency.name}历年政府信息公开数据</h1>
      <p className="lead">
        单位代码 {agency.code}；各年度已公开发布的年度报告的主要数据（更正后以最新版本为准）。
      </p>
      {years.length === 0 ? (
        <div className="card">
          <p className="muted">该单位暂无已公开发布的年度报告。</p>
        </div>
      ) : (
        <>
          <section className="card" aria-labelledby="by-year">
            <h2 id="by-year">主要数据逐年对比</h2>
            <div className="table-frame">
              <table className="data">
                <caption className="muted">各年度主要数据（单位：件）</caption>
                <thead>
                  <tr>
                    <th scope="col">项目</th>
                    {years.map((y) => (
                      <th key={y.year} scope="col" className="num">
                        <Link href={`/reports/${agency.code}/${y.year}`} aria-label={`${y.year} 年度报告`}>
                          {y.year} 年度
                        </Link>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {KEY_FIGURES.map((f) => (
                    <tr key={f.key}>
                      <th scope="row">{f.label}</th>
                      <NumCells items={years} keyOf={(y) => y.year}>
                        {(y) => formatDecimal(y[f.key])}
                      </NumCells>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">报告格式</th>
                    <NumCells items={years} keyOf={(y) => y.year}>
                      {(y) => `${y.template} 版`}
                    </NumCells>
                  </tr>
                  <tr>
                    <th scope="row">发布日期</th>
                    <NumCells items={years} keyOf={(y) => y.year}>
                      {(y) => (
                        <>
                          {formatDate(y.publishedAt)}
                          {y.versionNo > 1 && `（第 ${y.versionNo} 版）`}
                        </>
                      )}
                    </NumCells>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="chart">
            <h2 id="chart">趋势图</h2>
            <TrendChart
              id="agency-trend"
              title={`${agency.name}历年政府信息公开申请与复议诉讼`}
              categories={categories}
              unit="件"
              series={KEY_FIGURES.filter((f) => f.key !== "handled").map((f) => ({
                name: f.shortLabel,
                values: slots.map((s) => (s.row ? Number(s.row[f.key]) : null)),
                labels: slots.map((s) => (s.row ? formatDecimal(s.row[f.key]) : null)),
              }))}
            />
          </section>
          <section className="card" aria-labelledby="reports">
            <h2 id="reports">各年度报告</h2>
            <ul>
              {years.map((y) => (
                <li key={y.year}>
                  <Link href={`/reports/${agency.code}/${y.year}`}>
                    {agency.name}
                    {y.year}年政府信息公开工作年度报告
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
