// @ts-check
// Next's route cache (the full-route cache of the public pages), kept in this process's memory.
// Loaded by Next at run time (next.config.ts `cacheHandler`), not bundled, hence plain JS.
//
// Why not Next's default (files under .next/ plus an in-memory copy):
// - Every cached public page lives under a path that names its published version or stamp
//   (proxy.ts), so an entry never has to be invalidated across processes or instances, and each
//   process may hold its own copy. Several processes share one .next/ (scripts/lib/next-cluster.cjs)
//   and Next writes its files there without atomic renames: one process could serve another's
//   half-written page.
// - The default keeps a page's HTML as a JS string, and every hit then measures it in UTF-8 and
//   encodes it again on the way to the socket: 0.2 ms of a 1.5 ms report-page hit (the page is
//   100,000 characters, a third of them Chinese). Here the HTML is kept as the UTF-8 bytes once,
//   and Next writes those bytes as they are.
//
// Each page is stored with its Content-Security-Policy (lib/server/security/csp.ts): the sha256 of
// its inline scripts, worked out here once per stored page and kept in the entry's headers, which
// Next sends with the page — the first time (Next sends the very object it stores) and on every
// hit — and which the response cache in front of Next replays. No request hashes anything.
//
// Entries are evicted least recently used first beyond MAX_BYTES (ROUTE_CACHE_MAX_MB, default
// 256 MB: about 1,500 report pages with their RSC payloads); an evicted page is rendered again on
// its next request (./lru.cjs). Tags (revalidateTag) are honoured for what this app's pages declare.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** @type {typeof import("../security/csp-policy.cjs")} */
const { buildPolicy, inlineScriptHashes } = require("../security/csp-policy.cjs");
/** @type {typeof import("./lru.cjs")} */
const { Lru } = require("./lru.cjs");
const DEV = process.env.NODE_ENV !== "production";

const MAX_BYTES = (Number(process.env.ROUTE_CACHE_MAX_MB) || 256) * 1024 * 1024;

/** @type {Lru<{ entry: { lastModified: number, value: any, cacheControl?: any }, tags: string[] }>} sized in bytes */
const entries = new Lru({ maxSize: MAX_BYTES });
/** @type {Map<string, number>} tag → when it was last revalidated (ms) */
const revalidatedAt = new Map();

/**
 * About how many bytes Next's cache value holds.
 * @param {any} value
 */
function sizeOf(value) {
  if (!value) return 0;
  let bytes = 0;
  for (const part of [value.html, value.rscData, value.body, value.pageData]) {
    if (typeof part === "string") bytes += part.length * 3;
    else if (part && typeof part.byteLength === "number") bytes += part.byteLength;
    else if (part) bytes += 1024;
  }
  if (value.segmentData) for (const buf of value.segmentData.values()) bytes += buf.byteLength ?? 0;
  return bytes + 512;
}

/**
 * @param {any} value
 * @returns {string[]}
 */
function tagsOf(value) {
  const header = value?.headers?.["x-next-cache-tags"];
  const fromHeader = typeof header === "string" ? header.split(",") : [];
  return [...fromHeader, ...(value?.tags ?? [])];
}

export default class RouteCacheHandler {
  // Next passes its context (fs, .next paths, limits); none of it is needed here
  constructor() {}

  /** @param {string} key */
  async get(key) {
    const hit = entries.get(key);
    if (!hit) return null;
    if (hit.tags.some((tag) => (revalidatedAt.get(tag) ?? 0) >= hit.entry.lastModified)) {
      entries.delete(key);
      return null;
    }
    return hit.entry;
  }

  /**
   * @param {string} key
   * @param {any} value Next's cache value (kind APP_PAGE, APP_ROUTE, FETCH …), or null
   * @param {{ cacheControl?: unknown, tags?: string[] }} [ctx]
   */
  async set(key, value, ctx) {
    entries.delete(key);
    if (!value) return;
    let stored = value;
    if (value.kind === "APP_PAGE" && typeof value.html === "string" && value.html !== "") {
      const { hashes, refused } = inlineScriptHashes(value.html);
      // a Next upgrade that writes inline scripts of another shape shows here (and as a page
      // whose scripts the browser refuses), never as a policy that lets unknown script run
      if (refused > 0) console.warn(`! ${key}：${refused} 段内联脚本不是 Next 的已知形式，未列入该页的 CSP，浏览器将拒绝执行`);
      // in place: on a miss Next answers the request from this same value once it is stored
      value.headers = { ...value.headers, "content-security-policy": buildPolicy({ hashes, dev: DEV }) };
      stored = { ...value, html: Buffer.from(value.html) };
    }
    entries.set(key, { entry: { lastModified: Date.now(), value: stored, cacheControl: ctx?.cacheControl }, tags: tagsOf(stored).concat(ctx?.tags ?? []) }, sizeOf(stored));
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of typeof tags === "string" ? [tags] : tags) revalidatedAt.set(tag, now);
  }

  resetRequestCache() {}
}
