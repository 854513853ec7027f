import "server-only";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-control";
import { getRegion, parseRegionCode, parseYear } from "./region-rollup";
import { regionLatenessRecord, type LatenessRecordRow } from "./region-lateness";
import { regionNotFound } from "./region-validators";

/**
 * The start of /api/regions/CODE/lateness.{csv,xlsx}: the region (a Chinese 404 when unknown)
 * and its record, of one year with `?year=YYYY`. Public, as the region's other open data: the
 * dates of publication are printed on every published report. Not keyed by the region's stamp
 * (a deadline passing changes it with no publication), so shared caches keep it a minute only.
 */
export async function openRegionLateness(req: Request, params: Promise<{ code: string }>): Promise<Response | { code: string; name: string; rows: LatenessRecordRow[]; suffix: string; headers: Record<string, string> }> {
  const { code } = await params;
  const regionCode = parseRegionCode(code);
  const region = regionCode ? await getRegion(regionCode) : null;
  if (!region) return regionNotFound(code);
  const yearParam = new URL(req.url).searchParams.get("year");
  const year = parseYear(yearParam) ?? undefined;
  const rows = await regionLatenessRecord(region.code, { year });
  return { code: region.code, name: region.name, rows, suffix: year ? `-${year}` : "", headers: { "Cache-Control": PUBLIC_CACHE_CONTROL } };
}
