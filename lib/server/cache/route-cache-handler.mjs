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
//
// A stamp-keyed page missing here is rendered once for all processes and instances asking for
// it at the same time (./shared-render.mjs).

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createSharedRender } from "./shared-render.mjs";

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
/** the pages handed between processes: the stamp-keyed ones proxy.ts rewrites to (Next 16 keys a page "/route-cache/APP_PAGE/…/$/published/…") */
const STAMPED_PAGE = /(?:^|\/\$)\/published(?:-regions|-agencies|-home)?\//;
/** @type {ReturnType<typeof createSharedRender> | null} */
let sharedRender = null;

/** @param {{ serverDistDir?: string } | undefined} ctx */
function buildIdOf(ctx) {
  try {
    return fs.readFileSync(path.join(ctx?.serverDistDir ?? path.join(process.cwd(), ".next", "server"), "..", "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
}

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

/**
 * Keeps `value` under `key` (the LRU evicts the least recently read beyond MAX_BYTES).
 * @param {string} key @param {any} value @param {any} cacheControl @param {string[]} tags
 */
function remember(key, value, cacheControl, tags) {
  const kept = { entry: { lastModified: Date.now(), value, cacheControl }, tags };
  entries.set(key, kept, sizeOf(value));
  return kept;
}

export default class RouteCacheHandler {
  // Next passes its context (fs, .next paths, limits): only the build's directory is read here
  /** @param {{ serverDistDir?: string }} [ctx] */
  constructor(ctx) {
    // Next makes a handler per request: the build id is read from disk only until the shared
    // render exists (a file read per request was 2 % of a draft save's CPU)
    const buildId = DEV || sharedRender ? null : buildIdOf(ctx);
    if (!sharedRender && buildId && process.env.DATABASE_URL) {
      sharedRender = createSharedRender({ url: process.env.DATABASE_URL, buildId, shared: (key) => STAMPED_PAGE.test(key) });
    }
  }

  /** @param {string} key */
  async get(key) {
    const hit = entries.get(key);
    if (!hit) {
      if (!sharedRender) return null;
      // rendered by another request (here or in another process) at the same time: taken as stored there
      const got = await sharedRender.claim(key);
      if (got.render || !got.value) return null;
      return remember(key, got.value.value, got.value.cacheControl, got.value.tags).entry;
    }
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
    if (!value) return sharedRender?.abandon(key);
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
    const kept = remember(key, stored, ctx?.cacheControl, tagsOf(stored).concat(ctx?.tags ?? []));
    if (sharedRender) {
      if (value.kind === "APP_PAGE") void sharedRender.store(key, { value: stored, cacheControl: ctx?.cacheControl, tags: kept.tags });
      else sharedRender.abandon(key);
    }
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of typeof tags === "string" ? [tags] : tags) revalidatedAt.set(tag, now);
  }

  resetRequestCache() {}
}
