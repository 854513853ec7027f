import { cachedRegionRollup } from "@/lib/server/statistics/cached-region-rollup";
import { openRegionDownload, regionNotFound } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// docs/product.md "Downloads and open data": the roll-up of the published reports under a region for a year.
export async function GET(req: Request, { params }: Params) {
  const region = await openRegionDownload(req, params, "json");
  if (region instanceof Response) return region;
  const body = await cachedRegionRollup(region, "json");
  if (body === null) return regionNotFound(region.code);
  return new Response(body, { headers: { "Content-Type": "application/json; charset=utf-8", ...region.headers } });
}
