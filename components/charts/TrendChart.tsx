// A chart of a few series over categories (years), rendered on the server as SVG by ECharts,
// with its text alternative: the figure's caption names it and summarises it, and its data
// table (the same numbers) follows it. Reused wherever figures are compared across years.
import type { EChartsOption } from "echarts";
import { renderChartSvg } from "./render-svg";

export interface ChartSeries {
  name: string;
  /** one value per category; null = no figure */
  values: (number | null)[];
  /** text shown in the data table (exact decimals); defaults to the number */
  labels?: (string | null)[];
}

const PALETTE = ["#b3261e", "#0a58ca", "#1a7f37", "#9a6700", "#6f42c1", "#5f6670"];

function summaryOf(categories: string[], series: ChartSeries[], unit: string) {
  if (categories.length === 0) return "暂无数据。";
  const parts = series.map((s) => {
    const first = s.labels?.[0] ?? s.values[0];
    const last = s.labels?.[categories.length - 1] ?? s.values[categories.length - 1];
    const text = (v: string | number | null | undefined) => (v == null ? "无" : `${v}${unit}`);
    const gaps = s.values.filter((v) => v == null).length;
    const missing = gaps ? `（其中 ${gaps} 年无数据）` : "";
    return categories.length > 1 ? `${s.name}从 ${text(first)} 到 ${text(last)}${missing}` : `${s.name} ${text(first)}`;
  });
  const span = categories.length > 1 ? `${categories[0]}–${categories[categories.length - 1]}` : categories[0];
  return `${span}：${parts.join("；")}。`;
}

/** The ECharts option of a trend chart. A null value is a gap: no line is drawn across it. */
export function trendChartOption(categories: string[], series: ChartSeries[], unit: string, kind: "line" | "bar"): EChartsOption {
  return {
    color: PALETTE,
    grid: { left: 56, right: 24, top: 48, bottom: 40 },
    legend: { top: 8, data: series.map((s) => s.name) },
    xAxis: { type: "category", data: categories, boundaryGap: kind === "bar" },
    yAxis: { type: "value", name: unit || undefined, minInterval: 1 },
    series: series.map((s) =>
      kind === "line"
        ? {
            type: "line" as const,
            name: s.name,
            data: s.values,
            // a year without a published report has no figure: never interpolate across it
            connectNulls: false,
            symbolSize: 6,
            label: { show: categories.length <= 8, position: "top" as const, fontSize: 11 },
          }
        : {
            type: "bar" as const,
            name: s.name,
            data: s.values,
            label: { show: categories.length <= 8, position: "top" as const, fontSize: 11 },
          },
    ),
  };
}

export function TrendChart({
  id,
  title,
  categories,
  series,
  unit = "",
  kind = "line",
  categoryLabel = "年度",
}: {
  /** unique on the page: names the caption and table */
  id: string;
  title: string;
  categories: string[];
  series: ChartSeries[];
  unit?: string;
  kind?: "line" | "bar";
  categoryLabel?: string;
}) {
  const captionId = `${id}-caption`;
  const option = trendChartOption(categories, series, unit, kind);
  const svg = renderChartSvg(option, { width: 720, height: 320, labelledBy: captionId });
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <div className="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption id={captionId}>
        <strong>{title}</strong>
        <span className="muted">（图表说明）{summaryOf(categories, series, unit)}</span>
      </figcaption>
      <div className="table-frame">
        <table className="data chart-data" id={`${id}-data`}>
          <caption>{title}（数据表）</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((s) => (
                <th key={s.name} scope="col" className="num">
                  {s.name}
                  {unit && `（${unit}）`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.name} className="num">
                    {/* no figure that year (no published report) */}
                    {s.labels?.[i] ?? s.values[i] ?? "无"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
