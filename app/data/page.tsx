import type { Metadata } from "next";
import Link from "@/components/layout/IntentLink";
import { FIGURES_CSV_COLUMNS, REGION_CSV_COLUMNS } from "@/lib/server/statistics/region-exports";
import { getRootRegions } from "@/lib/server/statistics/region-rollup";
import { EXCHANGE_FORMAT } from "@/lib/exchange";
import { TEMPLATES, SECTION_KEYS, type TemplateId } from "@/lib/templates";

export const metadata: Metadata = { title: "开放数据" };
// lists the regions that have data: read on each request
export const dynamic = "force-dynamic";

const DOCUMENT_KEYS: [string, string][] = [
  ["format", `固定为 "${EXCHANGE_FORMAT}"`],
  ["template", `报告格式："2019"（国办公开办函〔2019〕60号，2020 年度及以前）或 "2021"（国办公开办函〔2021〕30号，2021 年度起）`],
  ["agency", "报告单位：code（单位代码：乡镇为 12 位统计用区划代码，部门为自有代码）、name、region（所属地区 code 与 name）"],
  ["year", "报告年度"],
  ["issuedOn", "成文日期（YYYY-MM-DD），系统外已发布的报告可能为 null"],
  ["contact", "联系方式：address、phone、email"],
  ["narrative", "正文（Markdown）：overview 一、总体情况；problems 五、存在的主要问题及改进情况；other 六、其他需要报告的事项"],
  ["proactive", "二、主动公开政府信息情况：行 → 列 → 数值"],
  ["applications", "三、收到和处理政府信息公开申请情况：行 → 列 → 数值"],
  ["reviewLitigation", "四、政府信息公开行政复议、行政诉讼情况：组 → 列 → 数值"],
];

const FIGURES_COLUMN_MEANINGS: Record<(typeof FIGURES_CSV_COLUMNS)[number], string> = {
  单位代码: "乡镇为 12 位统计用区划代码，部门为自有代码",
  单位名称: "单位名称（发布时）",
  年度: "报告年度",
  模板: "报告格式（2019 或 2021）",
  部分: "表格：proactive 二、applications 三、reviewLitigation 四",
  行: "行代码（见下方各格式的行、列代码表）",
  列: "列代码",
  部分名称: "表格的中文标题",
  行名称: "行的中文名称（含所属分组）",
  列名称: "列的中文名称（含表头分组）",
  计量单位: "计量单位（条、件、个、万元等）",
  数值: "数值；金额以万元计，最多 6 位小数；空白表示报告中该栏未填写",
};

const REGION_COLUMN_MEANINGS: Record<(typeof REGION_CSV_COLUMNS)[number], string> = {
  region_code: "地区代码（6 位行政区划代码）",
  region_name: "地区名称",
  year: "年度",
  template: "报告格式",
  report_count: "该地区及所辖地区已发布的报告数",
  section: "表格",
  row: "行代码",
  column: "列代码",
  value: "各报告该栏数值之和（本年增/减按正负相加，空白按 0 计）",
  row_label: "行的中文名称",
  column_label: "列的中文名称",
};

/** Codes (fields, columns) with what each means: one row per code. */
function CodeTable({ caption, codeHeader, rows }: { caption: string; codeHeader: string; rows: readonly (readonly [string, string])[] }) {
  return (
    <table className="data">
      <caption className="muted">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{codeHeader}</th>
          <th scope="col">含义</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([code, meaning]) => (
          <tr key={code}>
            <th scope="row">
              <code>{code}</code>
            </th>
            <td>{meaning}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function OpenDataPage() {
  const regions = await getRootRegions();
  return (
    <>
      <h1 className="page-title">开放数据</h1>
      <p className="lead">本站公开发布的政府信息公开工作年度报告及其统计数据，均可下载、复制和再利用。</p>

      <section className="card" aria-labelledby="licence">
        <h2 id="licence">数据使用许可</h2>
        <p>
          本站发布的各单位政府信息公开工作年度报告及由其汇总的统计数据，属于依据《中华人民共和国政府信息公开条例》主动公开的政府信息，按照
          <strong>知识共享署名 4.0 国际许可协议（CC BY 4.0）</strong>
          开放：任何人均可免费复制、传播、改编和使用（包括商业用途），无需申请；使用时请注明数据来源——发布报告的单位名称（汇总数据注明“据
          某地区各单位政府信息公开工作年度报告汇总”）及本站网址，并说明是否作过修改。
        </p>
        <p className="muted">
          数据以各单位发布的报告为准；报告更正后，本站数据随之更新，历次版本在报告页面可查。汇总数据只统计已发布的报告，草稿和审核中的报告不会出现在任何下载中。
        </p>
      </section>

      <section className="card" aria-labelledby="downloads">
        <h2 id="downloads">下载</h2>
        <p>按地区和年度提供，地区包含其所辖全部下级地区的单位：</p>
        <table className="data">
          <caption className="muted">下载地址（CODE 为 6 位地区代码，YEAR 为年度）</caption>
          <thead>
            <tr>
              <th scope="col">内容</th>
              <th scope="col">地址</th>
              <th scope="col">格式</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">地区年度汇总</th>
              <td>
                <code>/api/regions/CODE/YEAR</code>
              </td>
              <td>JSON：{"{ region, year, template, reportCount, proactive, applications, reviewLitigation }"}，三张表与交换格式同形，数值为合计</td>
            </tr>
            <tr>
              <th scope="row">地区年度汇总（表格）</th>
              <td>
                <code>/api/regions/CODE/YEAR/csv</code>
              </td>
              <td>CSV（UTF-8，带 BOM），每栏一行</td>
            </tr>
            <tr>
              <th scope="row">全部报告数据长表</th>
              <td>
                <code>/api/regions/CODE/YEAR/figures.csv</code>
              </td>
              <td>CSV（UTF-8，带 BOM），每份报告的每个数据一行</td>
            </tr>
            <tr>
              <th scope="row">全部报告交换文件</th>
              <td>
                <code>/api/regions/CODE/YEAR/reports.zip</code>
              </td>
              <td>ZIP，内含每份报告的 JSON 交换文件（单位代码-年度.json）</td>
            </tr>
            <tr>
              <th scope="row">单份报告</th>
              <td>
                <code>/api/reports/单位代码/YEAR</code>
              </td>
              <td>JSON 交换文件</td>
            </tr>
          </tbody>
        </table>
        {regions.length > 0 && (
          <>
            <h3>按地区浏览与下载</h3>
            <ul>
              {regions.map((r) => (
                <li key={r.code}>
                  <Link href={`/regions/${r.code}${r.latestYear ? `?year=${r.latestYear}` : ""}`}>{r.name}统计</Link>
                  {r.latestYear && (
                    <>
                      {" "}
                      · {r.latestYear} 年度：<a href={`/api/regions/${r.code}/${r.latestYear}`}>汇总 JSON</a> ·{" "}
                      <a href={`/api/regions/${r.code}/${r.latestYear}/csv`}>汇总 CSV</a> ·{" "}
                      <a href={`/api/regions/${r.code}/${r.latestYear}/figures.csv`}>长表 CSV</a> ·{" "}
                      <a href={`/api/regions/${r.code}/${r.latestYear}/reports.zip`}>交换文件 ZIP</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted">所有地址均可直接访问，无需登录；响应允许缓存 60 秒。金额均为精确的十进制数（万元，最多 6 位小数），不经浮点运算。</p>
      </section>

      <section className="card" aria-labelledby="exchange">
        <h2 id="exchange">报告交换文件（JSON）</h2>
        <p>每份报告一个 JSON 文件，与系统导入、导出所用格式相同。顶层字段：</p>
        <CodeTable caption="交换文件的顶层字段" codeHeader="字段" rows={DOCUMENT_KEYS} />
        <p className="muted">派生的合计栏（各行“总计”、“（七）总计”、各组“总计”）均已填入。</p>
      </section>

      <section className="card" aria-labelledby="long-csv">
        <h2 id="long-csv">数据长表（CSV）的列</h2>
        <CodeTable caption="figures.csv 的列（与每份报告的 CSV 下载相同；汇总 CSV 的列见下表）" codeHeader="列名" rows={FIGURES_CSV_COLUMNS.map((c) => [c, FIGURES_COLUMN_MEANINGS[c]])} />
        <CodeTable caption="汇总 CSV（/api/regions/CODE/YEAR/csv）的列" codeHeader="列名" rows={REGION_CSV_COLUMNS.map((c) => [c, REGION_COLUMN_MEANINGS[c]])} />
        <p className="muted">所有 CSV 均为带 BOM 的 UTF-8。以 = + - @、制表符或回车开头、可能被表格软件当作公式执行的文字（负数除外）前加一个 &apos;，按文本显示。</p>
      </section>

      {(Object.keys(TEMPLATES) as TemplateId[]).map((id) => (
        <section key={id} className="card" aria-labelledby={`keys-${id}`}>
          <h2 id={`keys-${id}`}>
            {id} 格式（{TEMPLATES[id].documentName}）的行、列代码
          </h2>
          {SECTION_KEYS.map((section) => {
            const s = TEMPLATES[id].sections[section];
            return (
              <table key={section} className="data">
                <caption>
                  <code>{section}</code> {s.title}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">行代码</th>
                    <th scope="col">行</th>
                    <th scope="col">列代码：列</th>
                  </tr>
                </thead>
                <tbody>
                  {s.rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">
                        <code>{row.key}</code>
                      </th>
                      <td>{row.fullLabel}</td>
                      <td>
                        {row.columns.map((c) => (
                          <span key={c.key}>
                            <code>{c.key}</code>：{c.label}
                            {c.unit === "万元" ? "（万元）" : ""}
                            {c.derived || row.derived ? "（合计）" : ""}；{" "}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
        </section>
      ))}
    </>
  );
}
