import "server-only";
// Apache ECharts rendered on the server to an SVG string: the chart works without
// JavaScript, prints, and ships no chart library to the browser.
import * as echarts from "echarts";
import type { EChartsOption } from "echarts";

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
