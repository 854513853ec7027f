import { Readable } from "node:stream";
import { reportsZip } from "@/lib/server/statistics/region-exports";
import { parseRegionCode, parseYear } from "@/lib/server/statistics/region-rollup";
import { regionNotFound, regionValidators } from "@/lib/server/statistics/region-validators";

type Params = { params: Promise<{ code: string; year: string }> };

// Open data: the exchange documents of every published report under the region for the year.
export async function GET(req: Request, { params }: Params) {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const validators = regionCode && y ? await regionValidators(req, regionCode, y, "reports.zip") : null;
  if (!regionCode || !y || !validators) return regionNotFound(code);
  if (validators.notModified) return validators.notModified;
  const { zip } = await reportsZip(regionCode, y);
  const stream = zip.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" });
  return new Response(Readable.toWeb(new Readable().wrap(stream)) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="reports-${regionCode}-${y}.zip"`,
      ...validators.headers,
    },
  });
}
