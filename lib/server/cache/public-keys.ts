// What the public pages and open data are keyed by. Each public page is served from Next's
// route cache under a path that names what it shows (the current version number, a stamp;
// ./published-ref.ts), so a publication changes the path on every instance at once and nothing
// is ever invalidated: proxy.ts rewrites to these paths. Their validators, and the region
// downloads', are known from the same keys before anything is rendered; ./response-cache-key.ts
// keys the finished responses by them.
import { parseAgencySort } from "@/lib/statistics/agency-sort";
import { strongEtag } from "@/lib/http/etag";
import { buildId } from "./build-id";
import { currentAgencyStamp, currentHomeStamp, currentRegionStamp, currentVersionNo } from "./published-ref";
import { CODE_PATTERN_SOURCE } from "@/lib/codes";

/**
 * The cached region page's path: its stamp, then the query the page reads, parsed here the
 * way the page parses it, so that no other query can add entries to the cache.
 */
function regionPagePath(code: string, stamp: string, query: URLSearchParams) {
  const year = /^(19|20)\d{2}$/.test(query.get("year") ?? "") ? query.get("year")! : "latest";
  const { sort, dir } = parseAgencySort(query.get("sort"), query.get("dir"));
  return `/published-regions/${code}/${stamp}/${year}/${sort}/${dir}`;
}

/** `target` is the stamp-keyed path, or null when there is nothing to show. */
const CACHED_PAGES: { path: RegExp; target: (match: RegExpExecArray, query: URLSearchParams) => Promise<string | null> }[] = [
  {
    // /reports/CODE/YEAR: the current version of a published report (app/published/…)
    path: new RegExp(`^/reports/(${CODE_PATTERN_SOURCE.agency})/(${CODE_PATTERN_SOURCE.year})$`),
    target: async ([, code, year]) => {
      const versionNo = await currentVersionNo(code!, Number(year));
      return versionNo === null ? null : `/published/${code}/${year}/${versionNo}`;
    },
  },
  {
    // /regions/CODE: a region's statistics (app/published-regions/…)
    path: new RegExp(`^/regions/(${CODE_PATTERN_SOURCE.region})$`),
    target: async ([, code], query) => {
      const stamp = await currentRegionStamp(code!);
      return stamp === null ? null : regionPagePath(code!, stamp, query);
    },
  },
  {
    // /agencies/CODE: an agency's figures across years (app/published-agencies/…)
    path: new RegExp(`^/agencies/(${CODE_PATTERN_SOURCE.agency})$`),
    target: async ([, code]) => {
      const stamp = await currentAgencyStamp(code!);
      return stamp === null ? null : `/published-agencies/${code}/${stamp}`;
    },
  },
  { path: /^\/$/, target: async () => `/published-home/${await currentHomeStamp()}` },
];

/**
 * The stamp-keyed path that serves `pathname` with `query`: a promise of the path, or of null
 * when there is no such report, region or agency (yet: the dynamic page answers 404 and
 * nothing is cached); null at once for a path that is not one of the cached pages.
 */
export function publicPageTarget(pathname: string, query: () => URLSearchParams): Promise<string | null> | null {
  for (const page of CACHED_PAGES) {
    const match = page.path.exec(pathname);
    if (match) return page.target(match, query());
  }
  return null;
}

/**
 * A cached page's strong validator: named by its stamp-keyed path and this build (the HTML
 * names the build's assets), so it is known before anything is rendered or looked up.
 */
export function publicPageEtag(target: string): string {
  return strongEtag("page", buildId(), target);
}

/** A region download's strong validator: what it is, for which region and year, at which stamp. */
export function regionDownloadEtag(code: string, year: number, what: string, stamp: string): string {
  return strongEtag("region", code, year, what, stamp);
}
