import { Readable } from "node:stream";
import { reportsZip } from "@/lib/server/statistics/region-exports";
import { openRegionDownload } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// Open data: the exchange documents of every published report under the region for the year.
export async function GET(req: Request, { params }: Params) {
  const region = await openRegionDownload(req, params, "reports.zip");
  if (region instanceof Response) return region;
  const { zip } = await reportsZip(region.code, region.year);
  const stream = zip.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" });
  return new Response(Readable.toWeb(new Readable().wrap(stream)) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="reports-${region.code}-${region.year}.zip"`,
      ...region.headers,
    },
  });
}
