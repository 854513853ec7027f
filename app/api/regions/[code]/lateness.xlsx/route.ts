import { latenessXlsx } from "@/lib/server/statistics/region-lateness-exports";
import { openRegionLateness } from "@/lib/server/statistics/open-region-lateness";

type Params = { params: Promise<{ code: string }> };

// Open data: the region's on-time record per agency and reporting year, as an Excel sheet.
export async function GET(req: Request, { params }: Params) {
  const r = await openRegionLateness(req, params);
  if (r instanceof Response) return r;
  return new Response(new Uint8Array(await latenessXlsx(r.name, r.rows)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="lateness-${r.code}${r.suffix}.xlsx"`,
      ...r.headers,
    },
  });
}
