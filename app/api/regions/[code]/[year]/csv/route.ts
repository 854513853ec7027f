import { regionRollupCsv } from "@/lib/server/statistics/region-exports";
import { getRegionRollup, parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";
import { regionNotFound, regionValidators } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// The region roll-up as CSV (UTF-8 with BOM): one line per cell of the year's template.
export async function GET(req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const validators = regionCode && y ? await regionValidators(req, regionCode, y, "csv") : null;
  if (!regionCode || !y || !validators) return regionNotFound(code);
  if (validators.notModified) return validators.notModified;
  const rollup = await getRegionRollup(regionCode, y);
  if (!rollup) return regionNotFound(code);
  return new Response(regionRollupCsv(rollup), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="region-${rollup.region.code}-${rollup.year}.csv"`,
      ...validators.headers,
    },
  });
}
