import { cachedRegionRollup } from "@/lib/server/statistics/cached-region-rollup";
import { openRegionDownload, regionNotFound } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// The region roll-up as CSV (UTF-8 with BOM): one line per cell of the year's template.
export async function GET(req: Request, { params }: Params) {
  const region = await openRegionDownload(req, params, "csv");
  if (region instanceof Response) return region;
  const body = await cachedRegionRollup(region, "csv");
  if (body === null) return regionNotFound(region.code);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="region-${region.code}-${region.year}.csv"`,
      ...region.headers,
    },
  });
}
