import { NextResponse } from "next/server";
import { PUBLIC_CACHE_HEADERS, regionRollupJson } from "@/lib/server/statistics/region-exports";
import { getRegionRollup, parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";

type Params = { params: Promise<{ code: string; year: string }> };

// SPEC "Downloads and open data": the roll-up of the published reports under a region for a year.
export async function GET(_req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const rollup = regionCode && y ? await getRegionRollup(regionCode, y) : null;
  if (!rollup) return NextResponse.json({ error: `地区不存在：${code}（应为已登记的 6 位行政区划代码和 4 位年度）` }, { status: 404 });
  return new Response(regionRollupJson(rollup), {
    headers: { "Content-Type": "application/json; charset=utf-8", ...PUBLIC_CACHE_HEADERS },
  });
}
