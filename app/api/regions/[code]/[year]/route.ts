import { regionRollupJson } from "@/lib/server/statistics/region-exports";
import { getRegionRollup, parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";
import { regionNotFound, regionValidators } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// SPEC "Downloads and open data": the roll-up of the published reports under a region for a year.
export async function GET(req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const validators = regionCode && y ? await regionValidators(req, regionCode, y, "json") : null;
  if (!regionCode || !y || !validators) return regionNotFound(code);
  if (validators.notModified) return validators.notModified;
  const rollup = await getRegionRollup(regionCode, y);
  if (!rollup) return regionNotFound(code);
  return new Response(regionRollupJson(rollup), { headers: { "Content-Type": "application/json; charset=utf-8", ...validators.headers } });
}
