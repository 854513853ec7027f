// The public routes served from cache, declared once: which public paths they are, what each is
// keyed by, what changes that key (and so refreshes the page), and which Content-Security-Policy
// it carries. Read by proxy.ts (the rewrite to the stamp-keyed twin route, its ETag and 304, the
// refusal of a twin route asked for directly, the CSP kind), by the response cache's key
// (./response-cache-key.ts), by lib/server/security/csp.ts and by the twin routes under app/published*
// and the region open-data routes (their params and ETag). docs/architecture.md draws the path.
//
// Nothing here is ever invalidated: each key names what the response shows (a published version
// number, a stamp counting every change that can alter the page, the day in China for the pages
// that count days), so a change produces a new key and the old entries are simply never asked
// for again, on every instance at once (each reads the stamp, remembered at most a second:
// ./published-ref.ts). Next's `revalidate` cannot stand in for a key part: repeat requests are
// answered by the response cache in front of Next and never reach it.
import { parseAgencySort } from "@/lib/statistics/agency-sort";
import { strongEtag } from "@/lib/http/etag";
import { chinaDay } from "@/lib/reports/lateness";
import { buildId } from "./build-id";
import { currentAgencyStamp, currentHomeStamp, currentRegionStamp, currentVersionNo } from "./published-ref";

/**
 * - `stored`: a page rendered once for everybody and kept in the route cache, whose policy names
 *   its inline scripts by hash (worked out when the page is stored: route-cache-handler.mjs);
 * - `none`: data (JSON, CSV), no policy.
 * Everything not in this table is rendered per request with a nonce (csp.ts).
 */
export type CspKind = "stored" | "none";

export interface PublicRoute {
  name: string;
  /** the path the public asks for */
  path: RegExp;
  /** the stamp-keyed route under app/ that renders it (a page), reached only by proxy.ts's rewrite */
  twin?: string;
  /** what changes the key, in words (the docs and this file's readers) */
  changedBy: string;
  csp: CspKind;
  /**
   * The response's strong ETag and, for a page, the twin path to rewrite to: a promise of null
   * when there is nothing to show (no such report, region or agency yet: nothing is cached and
   * the dynamic route answers 404).
   */
  key(match: RegExpExecArray, query: URLSearchParams, now: number): Promise<{ etag: string; target?: string } | null>;
}

/** A cached page's validator: named by its twin path and this build (the HTML names the build's assets). */
export function publicPageEtag(target: string): string {
  return strongEtag("page", buildId(), target);
}

/** A region download's strong validator: what it is, for which region and year, at which stamp. */
export function regionDownloadEtag(code: string, year: number, what: string, stamp: string): string {
  return strongEtag("region", code, year, what, stamp);
}

/** A page's key from its twin path (null: nothing to show). */
function page(target: string | null) {
  return target === null ? null : { etag: publicPageEtag(target), target };
}

/**
 * The listings may show what depends on today (the region page falls back to last year when
 * nothing is published; lateness is a function of the day), so their stamp names the day in China
 * too: each is rendered again the first time it is asked for on a new day, and never otherwise
 * without a change. Cheaper than a time-to-live, and it cannot run late.
 */
const withDay = (stamp: string | null, now: number) => (stamp === null ? null : `${stamp}.${chinaDay(new Date(now)).replaceAll("-", "")}`);

export const REGION_PAGE_TWIN = "/published-regions";
export const AGENCY_PAGE_TWIN = "/published-agencies";
export const HOME_PAGE_TWIN = "/published-home";
export const REPORT_PAGE_TWIN = "/published";

/** The region page's twin path: the stamp, then the query the page reads, parsed here as the page parses it, so no other query adds entries. */
function regionPagePath(code: string, stamp: string, query: URLSearchParams) {
  const year = /^(19|20)\d{2}$/.test(query.get("year") ?? "") ? query.get("year")! : "latest";
  const { sort, dir } = parseAgencySort(query.get("sort"), query.get("dir"));
  return `${REGION_PAGE_TWIN}/${code}/${stamp}/${year}/${sort}/${dir}`;
}

/** The region page's input from its twin path's params (the inverse of regionPagePath). */
export function regionPageInput(params: { code: string; year: string; sort: string; dir: string }) {
  return { code: params.code, year: params.year === "latest" ? undefined : params.year, sort: params.sort, dir: params.dir };
}

/** The region open-data routes (app/api/regions/[code]/[year]/…) and the `what` each names in its ETag; the ZIP is streamed and not kept. */
const REGION_DOWNLOAD = /^\/api\/regions\/(\d{6})\/(\d{4})(?:\/(csv|figures\.csv))?$/;

export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  {
    name: "report",
    path: /^\/reports\/([0-9A-Za-z-]{2,40})\/(\d{4})$/,
    twin: REPORT_PAGE_TWIN,
    changedBy: "a publication or correction of the report (its current version number)",
    csp: "stored",
    key: async ([, code, year]) => {
      const versionNo = await currentVersionNo(code!, Number(year));
      return page(versionNo === null ? null : `${REPORT_PAGE_TWIN}/${code}/${year}/${versionNo}`);
    },
  },
  {
    name: "region",
    path: /^\/regions\/(\d{6})$/,
    twin: REGION_PAGE_TWIN,
    changedBy: "a publication or correction under the region (its roll-up revisions); the directory of regions, agencies and reporting years; the day in China",
    csp: "stored",
    key: async ([, code], query, now) => {
      const stamp = withDay(await currentRegionStamp(code!), now);
      return page(stamp === null ? null : regionPagePath(code!, stamp, query));
    },
  },
  {
    name: "agency",
    path: /^\/agencies\/([0-9A-Za-z-]{2,40})$/,
    twin: AGENCY_PAGE_TWIN,
    changedBy: "a publication or correction of the agency (its count of published versions); the directory; the day in China",
    csp: "stored",
    key: async ([, code], _query, now) => {
      const stamp = withDay(await currentAgencyStamp(code!), now);
      return page(stamp === null ? null : `${AGENCY_PAGE_TWIN}/${code}/${stamp}`);
    },
  },
  {
    name: "home",
    path: /^\/$/,
    twin: HOME_PAGE_TWIN,
    changedBy: "a publication or correction anywhere (the top-level regions' roll-up revisions); the directory; the day in China",
    csp: "stored",
    key: async (_match, _query, now) => page(`${HOME_PAGE_TWIN}/${withDay(await currentHomeStamp(), now)}`),
  },
  {
    name: "region open data (JSON, CSV, long CSV)",
    path: REGION_DOWNLOAD,
    changedBy: "a publication or correction under the region; the directory (the routes read no query: `?x=` makes no other copy)",
    csp: "none",
    key: async ([, code, year, what = "json"]) => {
      const stamp = await currentRegionStamp(code!);
      return stamp === null ? null : { etag: regionDownloadEtag(code!, Number(year), what, stamp) };
    },
  },
];

/**
 * The key of what `pathname` serves: a promise (of null when there is nothing to show yet), or
 * null at once for a path not in the table. `now` is the clock the day-keyed pages read.
 */
export function publicRouteKey(pathname: string, query: () => URLSearchParams, now = Date.now()): Promise<{ etag: string; target?: string } | null> | null {
  for (const route of PUBLIC_ROUTES) {
    const match = route.path.exec(pathname);
    if (match) return route.key(match, query(), now);
  }
  return null;
}

/** Whether `pathname` is one of the stamp-keyed twin routes (reached only through proxy.ts's rewrite). */
export function isTwinPath(pathname: string): boolean {
  return PUBLIC_ROUTES.some(({ twin }) => twin !== undefined && (pathname === twin || pathname.startsWith(`${twin}/`)));
}

/** The CSP kind of `pathname`'s response when it is served from cache, or null (rendered per request, with a nonce). */
export function cachedCspKind(pathname: string): CspKind | null {
  return PUBLIC_ROUTES.find((route) => route.path.test(pathname))?.csp ?? null;
}
