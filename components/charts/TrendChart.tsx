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
    return categories.length > 1 ? `${s.name}从 ${first ?? "—"}${unit} 到 ${last ?? "—"}${unit}` : `${s.name} ${first ?? "—"}${unit}`;
  });
  const span = categories.length > 1 ? `${categories[0]}–${categories[categories.length - 1]}` : categories[0];
  return `${span}：${parts.join("；")}。`;
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
  const option: EChartsOption = {
    color: PALETTE,
    grid: { left: 56, right: 24, top: 48, bottom: 40 },
    legend: { top: 8, data: series.map((s) => s.name) },
    xAxis: { type: "category", data: categories, boundaryGap: kind === "bar" },
    yAxis: { type: "value", name: unit || undefined, minInterval: 1 },
    series: series.map((s) => ({
      type: kind,
      name: s.name,
      data: s.values,
      symbolSize: 6,
      label: { show: categories.length <= 8, position: "top", fontSize: 11 },
    })),
  };
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
                    {s.labels?.[i] ?? s.values[i] ?? "—"}
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
