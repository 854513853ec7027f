import { regionRollupJson } from "@/lib/server/statistics/region-exports";
import { getRegionRollup } from "@/lib/server/statistics/region-rollup";
import { openRegionDownload, regionNotFound } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// SPEC "Downloads and open data": the roll-up of the published reports under a region for a year.
export async function GET(req: Request, { params }: Params) {
  const region = await openRegionDownload(req, params, "json");
  if (region instanceof Response) return region;
  const rollup = await getRegionRollup(region.code, region.year);
  if (!rollup) return regionNotFound(region.code);
  return new Response(regionRollupJson(rollup), { headers: { "Content-Type": "application/json; charset=utf-8", ...region.headers } });
}
