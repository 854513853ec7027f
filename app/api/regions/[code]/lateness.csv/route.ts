import { latenessCsv } from "@/lib/server/statistics/region-lateness-exports";
import { openRegionLateness } from "@/lib/server/statistics/open-region-lateness";

type Params = { params: Promise<{ code: string }> };

// Open data: the region's on-time record per agency and reporting year (按期发布 / 逾期发布 / 逾期未报 / 未到期).
export async function GET(req: Request, { params }: Params) {
  const r = await openRegionLateness(req, params);
  if (r instanceof Response) return r;
  return new Response(new Uint8Array(latenessCsv(r.rows)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="lateness-${r.code}${r.suffix}.csv"`,
      ...r.headers,
    },
  });
}
