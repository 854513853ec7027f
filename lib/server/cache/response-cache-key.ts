// The key under which ./response-cache.cjs keeps a public response, registered on globalThis by
// instrumentation.ts when the server starts. Only what is keyed by the version or stamp it shows
// has a key, and the key is the strong ETag the app itself puts on that response, known from
// one remembered query (./published-ref.ts) before anything is rendered:
// - the public pages proxy.ts rewrites to their stamp-keyed paths (./public-keys.ts);
// - a region's open data as JSON and CSV (the region's stamp; the ZIP of its reports is left to
//   the route, which streams it).
// Each key also says whether the request came over https (proxy.ts adds
// Strict-Transport-Security then); the cache itself adds the Accept-Encoding.
import type { IncomingHttpHeaders } from "node:http";
import { requestIsHttps } from "@/lib/server/security/client-address";
import { publicPageEtag, publicPageTarget, regionDownloadEtag } from "./public-keys";
import { currentRegionStamp } from "./published-ref";

const KEY_FUNCTION = Symbol.for("govreports.responseCacheKey");

/** the region open-data routes (app/api/regions/[code]/[year]/…) and the `what` each names in its ETag */
const REGION_DOWNLOAD = /^\/api\/regions\/(\d{6})\/(\d{4})(?:\/(csv|figures\.csv))?$/;

export type ResponseCacheKey = (pathname: string, search: string, headers: IncomingHttpHeaders) => Promise<{ key: string; etag: string } | null> | null;

/** The ETag of what `pathname` serves: a promise (of null when there is nothing to serve), or null at once for a path without a key. */
function etagOf(pathname: string, search: string): Promise<string | null> | null {
  const page = publicPageTarget(pathname, () => new URLSearchParams(search));
  if (page) return page.then((target) => target && pageEtag(target));
  const download = REGION_DOWNLOAD.exec(pathname);
  // the routes read no query: a client's `?x=` does not make another copy
  if (!download) return null;
  const [, code, year, what = "json"] = download;
  return currentRegionStamp(code!).then((stamp) => stamp && regionDownloadEtag(code!, Number(year), what, stamp));
}

/** target → its ETag: a SHA-256 per cache hit was a measurable part of one (a few thousand targets are asked for at most) */
const pageEtags = new Map<string, string>();
function pageEtag(target: string): string {
  let tag = pageEtags.get(target);
  if (tag === undefined) {
    if (pageEtags.size >= 10_000) pageEtags.clear();
    pageEtags.set(target, (tag = publicPageEtag(target)));
  }
  return tag;
}

const NO_HEADERS = new Headers();

export const responseCacheKey: ResponseCacheKey = (pathname, search, headers) => {
  const etag = etagOf(pathname, search);
  if (etag === null) return null;
  return etag.then((tag) => {
    if (tag === null) return null;
    const proto = headers["x-forwarded-proto"];
    const https = requestIsHttps(typeof proto === "string" ? new Headers({ "x-forwarded-proto": proto }) : NO_HEADERS);
    return { key: `${tag}|${https ? "https" : "http"}`, etag: tag };
  });
};

export function registerResponseCacheKey() {
  (globalThis as Record<symbol, unknown>)[KEY_FUNCTION] = responseCacheKey;
}
