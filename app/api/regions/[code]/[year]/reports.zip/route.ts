import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { PUBLIC_CACHE_HEADERS, reportsZip } from "@/lib/server/statistics/region-exports";
import { getRegion, parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";

type Params = { params: Promise<{ code: string; year: string }> };

// Open data: the exchange documents of every published report under the region for the year.
export async function GET(_req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const region = regionCode && y ? await getRegion(regionCode) : null;
  if (!region || !y) return NextResponse.json({ error: `地区不存在：${code}（应为已登记的 6 位行政区划代码和 4 位年度）` }, { status: 404 });
  const { zip } = await reportsZip(region.code, y);
  const stream = zip.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" });
  return new Response(Readable.toWeb(new Readable().wrap(stream)) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="reports-${region.code}-${y}.zip"`,
      ...PUBLIC_CACHE_HEADERS,
    },
  });
}
