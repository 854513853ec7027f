// The key under which ./response-cache.cjs keeps a public response, registered by
// instrumentation.ts when the server starts (./process-wiring.cjs). Only the routes of
// ./public-routes.ts have a key, and the key is the strong ETag the app itself puts on that
// response, known from one remembered query (./published-ref.ts) before anything is rendered,
// with whether the request came over https (proxy.ts adds Strict-Transport-Security then); the
// cache itself adds the Accept-Encoding.
import { requestIsHttps } from "@/lib/server/security/client-address";
import { type ResponseCacheKey, registerResponseCacheKey as register } from "./process-wiring.cjs";
import { publicRouteKey } from "./public-routes";

export const responseCacheKey: ResponseCacheKey = (pathname, search, headers) => {
  const pending = publicRouteKey(pathname, () => new URLSearchParams(search));
  if (pending === null) return null;
  return pending.then((route) => {
    if (route === null) return null;
    const proto = headers["x-forwarded-proto"];
    const https = requestIsHttps(new Headers(typeof proto === "string" ? { "x-forwarded-proto": proto } : {}));
    return { key: `${route.etag}|${https ? "https" : "http"}`, etag: route.etag };
  });
};

export function registerResponseCacheKey() {
  register(responseCacheKey);
}
