import "server-only";
import { matchesIfNoneMatch, strongEtag } from "@/lib/http/etag";
import { currentRegionStamp } from "../cache/published-ref";
import { PUBLIC_CACHE_HEADERS } from "./region-exports";

/**
 * The validators of a region's open data for a year (the roll-up as JSON or CSV, the long
 * CSV, the ZIP): its entity tag changes exactly when the region's cached page key does (a
 * publication or correction under it, a change to the directory), read with the same one
 * indexed query. `notModified` is the 304 to send when the client already holds the bytes;
 * null for a region that does not exist.
 */
export async function regionValidators(req: Request, code: string, year: number, what: string) {
  const stamp = await currentRegionStamp(code);
  if (stamp === null) return null;
  const headers: Record<string, string> = { ...PUBLIC_CACHE_HEADERS, ETag: strongEtag("region", code, year, what, stamp) };
  const notModified = matchesIfNoneMatch(req.headers.get("if-none-match"), headers.ETag!) ? new Response(null, { status: 304, headers }) : null;
  return { headers, notModified };
}

/** The 404 of the region downloads, in Chinese. */
export function regionNotFound(code: string) {
  return Response.json({ error: `地区不存在：${code}（应为已登记的 6 位行政区划代码和 4 位年度）` }, { status: 404 });
}
