// Cache-Control for what the public site serves. Everything public is keyed by what it shows
// (a published version, a region's stamp), so a shared cache may keep it for a minute and then
// revalidate it cheaply (ETag → 304); nothing needs purging.

/** Files and JSON (downloads, the API, open data): browsers and shared caches keep them a minute. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

/**
 * Pages: shared caches keep them a minute, browsers ask again every time (a 304 when nothing
 * changed), so a reader who reloads after a publication sees it at once.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
