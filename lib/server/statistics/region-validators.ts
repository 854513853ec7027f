import "server-only";
import { matchesIfNoneMatch } from "@/lib/http/etag";
import { regionDownloadEtag } from "../cache/public-routes";
import { currentRegionStamp } from "../cache/published-ref";
import { PUBLIC_CACHE_HEADERS } from "./region-exports";
import { parseRegionCode, parseYear } from "./region-rollup";

export type RegionDownload = { code: string; year: number; stamp: string; headers: Record<string, string> };

/**
 * The start of every region open-data route (the roll-up as JSON or CSV, the long CSV, the
 * ZIP) for `/api/regions/CODE/YEAR…`: the region and year from the URL, and the validators.
 * The entity tag changes exactly when the region's cached page key does (a publication or
 * correction under it, a change to the directory), read with the same one indexed query.
 * Returns the response to send instead — a Chinese 404 for an unknown region or a malformed
 * year, a 304 when the client already holds the bytes — or what the route needs to answer.
 */
export async function openRegionDownload(req: Request, params: Promise<{ code: string; year: string }>, what: string): Promise<RegionDownload | Response> {
  const { code, year } = await params;
  const regionCode = parseRegionCode(code);
  const y = parseYear(year);
  const stamp = regionCode && y ? await currentRegionStamp(regionCode) : null;
  if (!regionCode || !y || stamp === null) return regionNotFound(code);
  const headers: Record<string, string> = { ...PUBLIC_CACHE_HEADERS, ETag: regionDownloadEtag(regionCode, y, what, stamp) };
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), headers.ETag!)) return new Response(null, { status: 304, headers });
  return { code: regionCode, year: y, stamp, headers };
}

/** The 404 of the region downloads, in Chinese. */
export function regionNotFound(code: string) {
  return Response.json({ error: `地区不存在：${code}（应为已登记的 6 位行政区划代码和 4 位年度）` }, { status: 404 });
}
