import { figuresCsvStream } from "@/lib/server/statistics/region-exports";
import { parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";
import { regionNotFound, regionValidators } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// Open data: every figure of every published report under the region for the year, in long form.
export async function GET(req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const validators = regionCode && y ? await regionValidators(req, regionCode, y, "figures.csv") : null;
  if (!regionCode || !y || !validators) return regionNotFound(code);
  if (validators.notModified) return validators.notModified;
  return new Response(figuresCsvStream(regionCode, y), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="figures-${regionCode}-${y}.csv"`,
      ...validators.headers,
    },
  });
}
