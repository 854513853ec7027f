import { figuresCsvStream } from "@/lib/server/statistics/region-exports";
import { openRegionDownload } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// Open data: every figure of every published report under the region for the year, in long form.
export async function GET(req: Request, { params }: Params) {
  const region = await openRegionDownload(req, params, "figures.csv");
  if (region instanceof Response) return region;
  return new Response(figuresCsvStream(region.code, region.year), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="figures-${region.code}-${region.year}.csv"`,
      ...region.headers,
    },
  });
}
