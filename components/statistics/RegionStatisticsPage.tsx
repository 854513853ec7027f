// A region's statistics page (docs/product.md "Downloads and open data"): served from the cached,
// stamp-keyed route app/published-regions/… that proxy.ts rewrites /regions/CODE to, and from
// app/regions/[code] when there is no such region (404).
import type { Metadata } from "next";
import Link from "@/components/layout/IntentLink";
import { notFound } from "next/navigation";
import { TrendChart } from "@/components/charts/TrendChart";
import { OfficialTable } from "@/components/reports/OfficialTable";
import { OutcomeShares } from "@/components/statistics/OutcomeShares";
import styles from "@/components/statistics/statistics.module.css";
import { formatDate } from "@/lib/reports/format";
import {
  getRegionAgencies,
  getRegionTrends,
  getSubRegions,
  getUnpublishedAgencies,
  parseAgencySort,
  type AgencySort,
} from "@/lib/server/statistics/region-breakdown";
import { regionOnTimeRate, type OnTimeRate } from "@/lib/server/statistics/region-lateness";
import { getRegion, getRegionRollup, getRegionYears, parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";
import { NumCells } from "./NumCells";
import { formatDecimal } from "@/lib/templates/decimal";
import { KEY_FIGURES, type KeyFigureKey } from "@/lib/statistics/key-figures";
import { everyYear } from "@/lib/statistics/year-gaps";
import { getTemplate, SECTION_KEYS } from "@/lib/templates";

/** What the page reads from its URL: /regions/CODE?year=&sort=&dir= */
export interface RegionPageInput {
  code: string;
  year?: string;
  sort?: string;
  dir?: string;
}

async function resolve(input: RegionPageInput) {
  const regionCode = parseRegionCode(input.code);
  const region = regionCode ? await getRegion(regionCode) : null;
  if (!region) return null;
  const years = await getRegionYears(region.code);
  const year = parseYear(input.year) ?? years[years.length - 1] ?? new Date().getFullYear() - 1;
  return { region, years, year };
}

export async function regionPageMetadata(input: RegionPageInput): Promise<Metadata> {
  const r = await resolve(input);
  return { title: r ? `${r.region.name}${r.year}年度政府信息公开统计` : "地区不存在" };
}

export async function RegionStatisticsPage(input: RegionPageInput) {
  const resolved = await resolve(input);
  if (!resolved) notFound();
  const { region, years, year } = resolved;
  const { sort, dir } = parseAgencySort(input.sort, input.dir);
  const [rollup, subRegions, agencies, unpublished, trends, onTime] = await Promise.all([
    getRegionRollup(region.code, year),
    getSubRegions(region.code, year),
    getRegionAgencies(region.code, year, sort, dir),
    getUnpublishedAgencies(region.code, year),
    getRegionTrends(region.code),
    regionOnTimeRate(region.code, year),
  ]);
  if (!rollup) notFound();
  const template = getTemplate(rollup.template);
  const regionHref = (code: string, params: Record<string, string | number>) =>
    `/regions/${code}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  const href = (params: Record<string, string | number>) => regionHref(region.code, params);
  const api = `/api/regions/${region.code}/${year}`;

  const sortHeader = (key: AgencySort, label: string, numeric = true) => {
    const active = sort === key;
    const nextDir = active && dir === (numeric ? "desc" : "asc") ? (numeric ? "asc" : "desc") : numeric ? "desc" : "asc";
    return (
      <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link className={styles.sortLink} href={href({ year, sort: key, dir: nextDir })} title={`按${label}${nextDir === "asc" ? "升序" : "降序"}排列`}>
          {label}
          {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
        </Link>
      </th>
    );
  };

  // every year from the first published report to the last: a year without one is a gap (null), never a line across it
  const trendSlots = everyYear(trends);
  const trendYears = trendSlots.map((s) => String(s.year));
  /** one chart series per key figure, across the years */
  const figureSeries = (keys: KeyFigureKey[]) =>
    keys.map((k) => {
      const f = KEY_FIGURES.find((x) => x.key === k)!;
      return {
        name: f.shortLabel,
        values: trendSlots.map((s) => (s.row ? Number(s.row[f.key]) : null)),
        labels: trendSlots.map((s) => (s.row ? formatDecimal(s.row[f.key]) : null)),
      };
    });
  const shownFigures = KEY_FIGURES.filter((f) => f.key !== "handled");

  return (
    <>
      <nav className={`muted no-print ${styles.breadcrumb}`} aria-label="地区层级">
        <Link href="/">公开报告</Link>
        {region.ancestors.map((a) => (
          <span key={a.code}>
            {" › "}
            <Link href={regionHref(a.code, { year })}>{a.name}</Link>
          </span>
        ))}
        {" › "}
        {region.name}
      </nav>
      <h1 className="page-title">
        {region.name}
        {year}年度政府信息公开工作统计
      </h1>
      <p className="lead">
        {region.levelLabel}行政区（代码 {region.code}）及其所辖地区各单位已公开发布的年度报告汇总；按{template.documentName}格式统计。仅统计已发布的报告（更正后以最新版本为准）。
      </p>

      <nav aria-label="统计年度">
        <ul className={styles.years}>
          {years.length === 0 && <li className="muted">暂无已发布报告的年度</li>}
          {years.map((y) => (
            <li key={y}>
              {y === year ? (
                <span aria-current="page">{y} 年度</span>
              ) : (
                <Link href={href({ year: y })}>{y} 年度</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>

      <section className="card" aria-labelledby="summary">
        <h2 id="summary">概况</h2>
        <dl className={styles.figures}>
          <div>
            <dt>已发布报告</dt>
            <dd data-testid="report-count">{rollup.reportCount}</dd>
          </div>
          {shownFigures.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{formatDecimal(sumOf(rollup.sections, f.cells))}</dd>
            </div>
          ))}
        </dl>
        {rollup.reportCount === 0 && <p className="muted">本地区 {year} 年度暂无已公开发布的年度报告，下列各项均为 0。</p>}
        <h3>下载与开放数据</h3>
        <ul className={styles.downloads}>
          <li>
            <a href={api}>汇总数据（JSON）</a>
          </li>
          <li>
            <a href={`${api}/csv`} download>
              汇总数据（CSV）
            </a>
          </li>
          <li>
            <a href={`${api}/figures.csv`} download>
              全部报告数据长表（CSV）
            </a>
          </li>
          <li>
            <a href={`${api}/reports.zip`} download>
              全部报告交换文件（ZIP）
            </a>
          </li>
          <li>
            <Link href="/data">数据格式与使用许可</Link>
          </li>
        </ul>
      </section>

      <OnTimeRateBlock regionCode={region.code} year={year} rate={onTime} />

      {SECTION_KEYS.map((section) => (
        <section key={section} className="card" aria-labelledby={`sum-${section}`}>
          <h2 id={`sum-${section}`}>{template.sections[section].title}（汇总）</h2>
          <OfficialTable
            template={template}
            section={section}
            values={{}}
            cellText={(cell) => formatDecimal(rollup.sections[cell.section][cell.row]?.[cell.column])}
          />
          {section === "applications" && (
            <>
              <h3>办理结果占比</h3>
              <OutcomeShares template={template} applications={rollup.sections.applications} />
            </>
          )}
        </section>
      ))}

      <section className="card" aria-labelledby="trends">
        <h2 id="trends">历年趋势</h2>
        {trends.length === 0 ? (
          <p className="muted">暂无已发布的年度报告。</p>
        ) : (
          <>
            <TrendChart
              id="trend-applications"
              title={`${region.name}历年政府信息公开申请与办理`}
              categories={trendYears}
              unit="件"
              series={figureSeries(["received", "granted"])}
            />
            <TrendChart
              id="trend-review"
              title={`${region.name}历年政府信息公开行政复议、行政诉讼`}
              categories={trendYears}
              unit="件"
              kind="bar"
              series={figureSeries(["reconsideration", "litigation"])}
            />
            <TrendChart
              id="trend-reports"
              title={`${region.name}历年已发布年度报告数`}
              categories={trendYears}
              unit="份"
              kind="bar"
              series={[{ name: "已发布报告", values: trendSlots.map((s) => s.row?.reportCount ?? 0) }]}
            />
          </>
        )}
      </section>

      {subRegions.length > 0 && (
        <section className="card" aria-labelledby="sub-regions">
          <h2 id="sub-regions">下级地区</h2>
          <div className="table-frame">
            <table className="data">
              <caption className="muted">{year} 年度，各下级地区（含其所辖单位）的汇总</caption>
              <thead>
                <tr>
                  <th scope="col">地区</th>
                  <th scope="col" className="num">已发布报告</th>
                  {shownFigures.map((f) => (
                    <th key={f.key} scope="col" className="num">
                      {f.shortLabel}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {subRegions.map((s) => (
                  <tr key={s.code}>
                    <th scope="row">
                      <Link href={regionHref(s.code, { year })}>{s.name}</Link>
                    </th>
                    <td className="num">{s.reportCount}</td>
                    <NumCells items={shownFigures} keyOf={(f) => f.key}>
                      {(f) => formatDecimal(s[f.key])}
                    </NumCells>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="card" aria-labelledby="agencies">
        <h2 id="agencies">本级单位</h2>
        {agencies.length === 0 ? (
          <p className="muted">{region.name}本级单位 {year} 年度暂无已发布的年度报告。</p>
        ) : (
          <div className="table-frame">
            <table className="data">
              <caption className="muted">{year} 年度已发布报告的单位及主要数据（点击表头排序）</caption>
              <thead>
                <tr>
                  {sortHeader("name", "单位", false)}
                  {sortHeader("received", "新收申请")}
                  {sortHeader("grantedShare", "予以公开占比")}
                  {sortHeader("reconsideration", "行政复议")}
                  {sortHeader("litigation", "行政诉讼")}
                  <th scope="col">发布日期</th>
                </tr>
              </thead>
              <tbody>
                {agencies.map((a) => (
                  <tr key={a.code}>
                    <th scope="row">
                      <Link href={`/reports/${a.code}/${year}`}>{a.name}</Link>{" "}
                      <Link className="muted" href={`/agencies/${a.code}`} aria-label={`${a.name}历年数据`}>
                        （历年）
                      </Link>
                    </th>
                    <td className="num">{formatDecimal(a.received)}</td>
                    <td className="num">{a.grantedShare === null ? "—" : `${a.grantedShare}%`}</td>
                    <td className="num">{formatDecimal(a.reconsideration)}</td>
                    <td className="num">{formatDecimal(a.litigation)}</td>
                    <td>
                      {formatDate(a.publishedAt)}
                      {a.versionNo > 1 && <span className="muted">（第 {a.versionNo} 版）</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>尚未发布 {year} 年度报告的本级单位</h3>
        {unpublished.length === 0 ? (
          <p className="muted">无：本级单位均已发布。</p>
        ) : (
          <ul className={styles.unpublished} aria-label="尚未发布的单位">
            {unpublished.map((a) => (
              <li key={a.code}>
                {a.name}
                <span className="muted">（{a.code}）</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function sumOf(sections: Record<string, Record<string, Record<string, string>>>, cells: readonly (readonly [string, string, string])[]) {
  // a key figure of several cells (行政诉讼 = 直接起诉 + 复议后起诉): whole counts, exact as integers
  return String(cells.reduce((s, [sec, row, col]) => s + BigInt(formatDecimal(sections[sec]?.[row]?.[col])), 0n));
}

/** 按期发布 n / 应报 m for the year (lib/reports/lateness.ts), with the region's on-time record to download. */
function OnTimeRateBlock({ regionCode, year, rate }: { regionCode: string; year: number; rate: OnTimeRate }) {
  const api = `/api/regions/${regionCode}/lateness`;
  return (
    <section className="card" aria-labelledby="on-time">
      <h2 id="on-time">按期发布情况</h2>
      <p data-testid="on-time-rate">
        {year} 年度按期发布率：按期发布 <strong>{rate.onTime}</strong> / 应报 <strong>{rate.due}</strong>
        {rate.rate !== null && `（${(rate.rate * 100).toFixed(1)}%）`}；逾期发布 {rate.late}
      </p>
      <p className="muted">
        应报为本地区及所辖地区的在用单位；按首次发布日期与该年度报送截止日期（默认为次年1月31日）比较，截止当日发布为按期。
      </p>
      <ul className={styles.downloads}>
        <li>
          <a href={`${api}.xlsx`} download>
            各单位历年按期发布记录（Excel）
          </a>
        </li>
        <li>
          <a href={`${api}.csv`} download>
            各单位历年按期发布记录（CSV）
          </a>
        </li>
      </ul>
    </section>
  );
}
