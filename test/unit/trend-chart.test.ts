// Trend charts across years with gaps: a year without a published report is a gap in the line
// (null, never interpolated) and 无 in the data table beside the chart.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { TrendChart, trendChartOption, type ChartSeries } from "@/components/charts/TrendChart";
import { everyYear } from "@/lib/statistics/year-gaps";

vi.mock("server-only", () => ({}));

const SERIES_COLOR = "#b3261e"; // the first series' colour in TrendChart's palette

/** The `d` of the first series' line (the stroke of width 2 in its colour). */
function linePath(html: string): string {
  const m = html.match(new RegExp(`<path d="([^"]+)" fill="none"[^>]*stroke="${SERIES_COLOR}" stroke-width="2"`));
  if (!m) throw new Error("no line in the chart");
  return m[1]!;
}

/** The data table's cells of the one series, by year. */
function tableCells(html: string): Record<string, string> {
  const body = html.slice(html.indexOf("<tbody>"));
  return Object.fromEntries([...body.matchAll(/<th scope="row">(\d{4})<\/th><td class="num">([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]));
}

function render(rows: { year: number; received: number }[]) {
  const slots = everyYear(rows);
  const series: ChartSeries[] = [{ name: "新收申请", values: slots.map((s) => s.row?.received ?? null) }];
  const categories = slots.map((s) => String(s.year));
  return { html: renderToStaticMarkup(createElement(TrendChart, { id: "t", title: "历年申请", categories, series, unit: "件" })), categories, series };
}

describe("trend charts with years without a published report", () => {
  it("every year from the first to the last is a category; the missing ones are null", () => {
    expect(everyYear([{ year: 2025 }, { year: 2020 }]).map((s) => [s.year, s.row?.year ?? null])).toEqual([
      [2020, 2020],
      [2021, null],
      [2022, null],
      [2023, null],
      [2024, null],
      [2025, 2025],
    ]);
    expect(everyYear([])).toEqual([]);
  });

  it("the line stops at a gap: 2020 and 2025 are not joined, and the option never connects nulls", () => {
    const { html, categories, series } = render([
      { year: 2020, received: 3 },
      { year: 2025, received: 5 },
    ]);
    const option = trendChartOption(categories, series, "件", "line");
    expect(option.series).toEqual([expect.objectContaining({ data: [3, null, null, null, null, 5], connectNulls: false })]);
    // two points and nothing drawn between them: moves only, no line-to
    expect(linePath(html)).toMatch(/^M[\d.]+ [\d.]+M[\d.]+ [\d.]+$/);
  });

  it("consecutive years are joined (the check above would see a line)", () => {
    const { html } = render([
      { year: 2024, received: 3 },
      { year: 2025, received: 5 },
    ]);
    expect(linePath(html)).toContain("L");
  });

  it("the data table says 无 for the years without a figure", () => {
    const { html } = render([
      { year: 2020, received: 3 },
      { year: 2023, received: 5 },
    ]);
    expect(tableCells(html)).toEqual({ "2020": "3", "2021": "无", "2022": "无", "2023": "5" });
    expect(html).toContain("其中 2 年无数据");
  });
});
