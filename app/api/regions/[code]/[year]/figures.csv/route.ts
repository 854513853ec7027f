import { NextResponse } from "next/server";
import { figuresCsvStream, PUBLIC_CACHE_HEADERS } from "@/lib/server/statistics/region-exports";
import { getRegion, parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";

type Params = { params: Promise<{ code: string; year: string }> };

// Open data: every figure of every published report under the region for the year, in long form.
export async function GET(_req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const region = regionCode && y ? await getRegion(regionCode) : null;
  if (!region || !y) return NextResponse.json({ error: `地区不存在：${code}（应为已登记的 6 位行政区划代码和 4 位年度）` }, { status: 404 });
  return new Response(figuresCsvStream(region.code, y), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="figures-${region.code}-${y}.csv"`,
      ...PUBLIC_CACHE_HEADERS,
    },
  });
}
