import "server-only";
// Apache ECharts rendered on the server to an SVG string: the chart works without
// JavaScript, prints, and ships no chart library to the browser.
import type { EChartsOption } from "echarts";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// only what the charts use: a smaller module to load on a cold server
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, SVGRenderer]);

export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/**
 * The SVG of `option` at a fixed size. `labelledBy` is the id of the element that names the
 * chart (its figcaption): the <svg> becomes role="img" with that accessible name.
 */
export function renderChartSvg(option: EChartsOption, { width, height, labelledBy }: { width: number; height: number; labelledBy: string }): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    const svg = chart.renderToSVGString();
    // a fluid width that keeps the aspect ratio; named by the caption for screen readers
    return svg.replace(/^<svg width="\d+" height="\d+"/, `<svg role="img" aria-labelledby="${labelledBy}" focusable="false" preserveAspectRatio="xMidYMid meet" style="width:100%;height:auto;max-width:${width}px"`);
  } finally {
    chart.dispose();
  }
}
