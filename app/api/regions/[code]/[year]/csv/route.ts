import { NextResponse } from "next/server";
import { PUBLIC_CACHE_HEADERS, regionRollupCsv } from "@/lib/server/statistics/region-exports";
import { getRegionRollup, parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";

type Params = { params: Promise<{ code: string; year: string }> };

// The region roll-up as CSV (UTF-8 with BOM): one line per cell of the year's template.
export async function GET(_req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const rollup = regionCode && y ? await getRegionRollup(regionCode, y) : null;
  if (!rollup) return NextResponse.json({ error: `地区不存在：${code}（应为已登记的 6 位行政区划代码和 4 位年度）` }, { status: 404 });
  return new Response(regionRollupCsv(rollup), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="region-${rollup.region.code}-${rollup.year}.csv"`,
      ...PUBLIC_CACHE_HEADERS,
    },
  });
}
