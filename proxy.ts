// First gate only: sends visitors without a session to sign-in before any protected
// page renders. Every page, action and route re-checks the user
// and scope on the server (lib/auth/guard.ts); this file is never the only check.
// It also gives every page its security headers (lib/server/security/csp.ts): a per-request
// nonce on the signed-in areas and the sign-in form, a fixed policy on the cacheable public pages.
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { requestIsHttps } from "@/lib/server/security/client-address";
import { contentSecurityPolicy, HSTS_VALUE, newNonce, usesNonce } from "@/lib/server/security/csp";
import { currentAgencyStamp, currentHomeStamp, currentRegionStamp, currentVersionNo } from "@/lib/server/cache/published-ref";
import { parseAgencySort } from "@/lib/statistics/agency-sort";

const PROTECTED_PREFIXES = ["/workspace", "/review", "/admin", "/account"];

function isProtected(pathname: string) {
  return PROTECTED_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** /reports/CODE/YEAR: the current version of a published report (app/published/…). */
const REPORT_PAGE = /^\/reports\/([0-9A-Za-z-]{2,40})\/(\d{4})$/;

/** /regions/CODE: a region's statistics (app/published-regions/…). */
const REGION_PAGE = /^\/regions\/(\d{6})$/;

/** /agencies/CODE: an agency's figures across years (app/published-agencies/…). */
const AGENCY_PAGE = /^\/agencies\/([0-9A-Za-z-]{2,40})$/;

/**
 * The cached region page's path: its stamp, then the query the page reads, parsed here the
 * way the page parses it, so that no other query can add entries to the cache.
 */
function regionPagePath(code: string, stamp: string, query: URLSearchParams) {
  const year = /^(19|20)\d{2}$/.test(query.get("year") ?? "") ? query.get("year")! : "latest";
  const { sort, dir } = parseAgencySort(query.get("sort"), query.get("dir"));
  return `/published-regions/${code}/${stamp}/${year}/${sort}/${dir}`;
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
 * The stamp-keyed pages exist only as rewrite targets: a stamp a client makes up would render
 * and store one more copy on disk, so a request for them is served only when it carries this
 * process's mark, which the rewrite below adds (it also reaches Next's own request when Next
 * forwards a rewrite over HTTP, as it does when started with -H).
 */
const STAMPED_PAGE = /^\/published-(?:regions|agencies|home)(?:\/|$)/;
const REWRITE_MARK = "x-govreports-rewrite";
const rewriteSecret = newNonce();

function withSecurityHeaders(req: NextRequest, rewriteTo?: URL) {
  const nonce = usesNonce(req.nextUrl.pathname) ? newNonce() : null;
  const csp = contentSecurityPolicy({ nonce });
  const requestHeaders = new Headers(req.headers);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders
  requestHeaders.set("content-security-policy", csp);
  if (nonce) requestHeaders.set("x-nonce", nonce);
  else requestHeaders.delete("x-nonce");
  if (rewriteTo && STAMPED_PAGE.test(rewriteTo.pathname)) requestHeaders.set(REWRITE_MARK, rewriteSecret);
  else requestHeaders.delete(REWRITE_MARK);
  const res = rewriteTo
    ? NextResponse.rewrite(rewriteTo, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  if (requestIsHttps(req.headers)) res.headers.set("Strict-Transport-Security", HSTS_VALUE);
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
  if (isProtected(pathname)) return gate(req as NextRequestWithAuth, event);
  // not a route of the public site: the app's 404 page (there is no page at /published-home)
  if (STAMPED_PAGE.test(pathname) && req.headers.get(REWRITE_MARK) !== rewriteSecret) return withSecurityHeaders(req, internalUrl(req, "/published-home"));
  const report = REPORT_PAGE.exec(pathname);
  if (report) {
    const versionNo = await currentVersionNo(report[1]!, Number(report[2]));
    // not published (yet): the dynamic page answers 404, and nothing of that is cached
    if (versionNo !== null) return withSecurityHeaders(req, internalUrl(req, `/published/${report[1]}/${report[2]}/${versionNo}`));
  }
  const region = REGION_PAGE.exec(pathname);
  if (region) {
    const stamp = await currentRegionStamp(region[1]!);
    // no such region: the dynamic page answers 404
    if (stamp !== null) return withSecurityHeaders(req, internalUrl(req, regionPagePath(region[1]!, stamp, req.nextUrl.searchParams)));
  }
  const agency = AGENCY_PAGE.exec(pathname);
  if (agency) {
    const stamp = await currentAgencyStamp(agency[1]!);
    // no such agency: the dynamic page answers 404
    if (stamp !== null) return withSecurityHeaders(req, internalUrl(req, `/published-agencies/${agency[1]}/${stamp}`));
  }
  if (pathname === "/") return withSecurityHeaders(req, internalUrl(req, `/published-home/${await currentHomeStamp()}`));
  return withSecurityHeaders(req);
}

export const config = {
  // every page (the headers), but not Next's static files or the JSON API
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|api/).*)"],
};
