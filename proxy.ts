// First gate only: sends visitors without a session to sign-in before any protected
// page renders. Every page, action and route re-checks the user
// and scope on the server (lib/auth/guard.ts); this file is never the only check.
// It also gives every page its security headers (lib/server/security/csp.ts): a per-request
// nonce on every page rendered for its request; a page stored in the route cache brings its own
// policy, with the hashes of its inline scripts.
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { requestIsHttps } from "@/lib/server/security/client-address";
import { contentSecurityPolicy, HSTS_VALUE, newNonce } from "@/lib/server/security/csp";
import { cachedCspKind, isTwinPath, publicRouteKey } from "@/lib/server/cache/public-routes";
import { PUBLIC_PAGE_CACHE_CONTROL } from "@/lib/http/cache-control";
import { matchesIfNoneMatch } from "@/lib/http/etag";
import { isMalformedPath, malformedPathResponse } from "@/lib/http/malformed-path";

const PROTECTED_PREFIXES = ["/workspace", "/review", "/admin", "/account"];

function isProtected(pathname: string) {
  return PROTECTED_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/**
 * A rewrite target on this app, built from `nextUrl` (the URL Next routes by), without the query.
 * Next serves it in-process only when its origin is the server's own: start the app without -H
 * (scripts/serve.ts), or Next forwards every rewritten request to itself over HTTP.
 */
function internalUrl(req: NextRequest, pathname: string) {
  const url = req.nextUrl.clone();
  url.pathname = pathname;
  url.search = "";
  return url;
}

/**
 * The version- and stamp-keyed twin routes (lib/server/cache/public-routes.ts) exist only as
 * rewrite targets: a version number or stamp a client makes up would render and store one more
 * copy in the route cache, so a request for them is served only when it carries this process's
 * mark, which the rewrite below adds (it also reaches Next's own request when Next forwards a
 * rewrite over HTTP, as it does with -H).
 */
const REWRITE_MARK = "x-govreports-rewrite";
const rewriteSecret = newNonce();
const DEV = process.env.NODE_ENV !== "production";

/**
 * `stored`: a page served from Next's route cache (rewritten to its stamp-keyed path), whose
 * Content-Security-Policy the route cache handler stored with it, naming its inline scripts by
 * hash (lib/server/cache/route-cache-handler.mjs): a second policy from here would be enforced
 * beside it, and a nonce could not allow the stored page's scripts. Every other page gets a
 * nonce and must be rendered for its request (csp.ts). In development nothing is stored.
 */
function withSecurityHeaders(req: NextRequest, rewriteTo?: URL, { stored = false } = {}) {
  const nonce = stored && !DEV ? null : newNonce();
  const csp = nonce && contentSecurityPolicy({ nonce });
  const requestHeaders = new Headers(req.headers);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders
  if (nonce && csp) {
    requestHeaders.set("content-security-policy", csp);
    requestHeaders.set("x-nonce", nonce);
  } else {
    requestHeaders.delete("content-security-policy");
    requestHeaders.delete("x-nonce");
  }
  if (rewriteTo && isTwinPath(rewriteTo.pathname)) requestHeaders.set(REWRITE_MARK, rewriteSecret);
  else requestHeaders.delete(REWRITE_MARK);
  const res = rewriteTo
    ? NextResponse.rewrite(rewriteTo, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  if (csp) res.headers.set("Content-Security-Policy", csp);
  if (requestIsHttps(req.headers)) res.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return res;
}

/** What the 200 for a cached page varies on (Next's router headers, and its compression). */
const CACHED_PAGE_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";

/**
 * A cached public page: rewritten to its stamp-keyed route, with a strong validator named by
 * that route and this build (the HTML names the build's assets). A client or nginx that holds
 * these bytes gets its 304 here, before Next looks anything up. Next's own ETag hashed the whole
 * HTML (150 KB for a report) on every request; next.config.ts turns it off. Client-side
 * navigation fetches the same page as an RSC payload under its own URL (`?_rsc=…`, which Next
 * hides from this file), so browsers and nginx keep and revalidate that copy apart from the HTML.
 */
function cachedPage(req: NextRequest, target: string, etag: string) {
  const res = withSecurityHeaders(req, internalUrl(req, target), { stored: cachedCspKind(req.nextUrl.pathname) === "stored" });
  if (req.method !== "GET" && req.method !== "HEAD") return res;
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), etag)) {
    return new NextResponse(null, { status: 304, headers: { ETag: etag, "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL, Vary: CACHED_PAGE_VARY } });
  }
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
  return res;
}

const gate = withAuth((req) => withSecurityHeaders(req), {
  pages: { signIn: "/login" },
  callbacks: {
    // role and scope are the page's business (a signed-in clerk opening /admin sees 无权访问)
    authorized: ({ token }) => Boolean(token),
  },
});

export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  const { pathname } = req.nextUrl;
  // a path no route can decode: 400 for the API, the not-found page (404) for a page, before any route runs
  if (isMalformedPath(pathname)) return malformedPathResponse(pathname);
  // the API is matched only for the check above
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (isProtected(pathname)) return gate(req as NextRequestWithAuth, event);
  // not a route of the public site: the app's 404 page (there is no page at /published-home)
  if (isTwinPath(pathname) && req.headers.get(REWRITE_MARK) !== rewriteSecret) return withSecurityHeaders(req, internalUrl(req, "/published-home"));
  // a public page served from Next's route cache under its twin path
  // (lib/server/cache/public-routes.ts); none for no such report, region or agency (yet): the
  // dynamic page answers 404 and nothing is cached
  const route = await publicRouteKey(pathname, () => req.nextUrl.searchParams);
  if (route?.target) return cachedPage(req, route.target, route.etag);
  return withSecurityHeaders(req);
}

export const config = {
  // every page (the headers) and the API (malformed paths only), but not Next's static files
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt).*)"],
};
