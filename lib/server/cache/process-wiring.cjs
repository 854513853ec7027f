// @ts-check
// What the server processes' plain-JS start (scripts/lib/next-cluster.cjs, ./response-cache.cjs)
// and the app's bundled code (instrumentation.ts, ./published-ref.ts) must agree on, named once.
//
// Why globalThis: the response cache runs in front of Next, loaded by Node from this file tree,
// while the code that knows the keys (./public-routes.ts: the database stamps, the build id) is
// compiled into Next's server bundle, which has its own copy of every module it imports. The one
// object both see is the process's global; instrumentation.ts puts the key function there when
// the server starts, and the cache reads it on each request.
"use strict";

/**
 * @typedef {(pathname: string, search: string, headers: import("node:http").IncomingHttpHeaders) =>
 *   Promise<{ key: string, etag: string } | null> | null} ResponseCacheKey
 * null at once for a path the cache does not keep, else a promise of the key (of null when there
 * is nothing to keep yet)
 */

const RESPONSE_CACHE_KEY = Symbol.for("govreports.responseCacheKey");

/** The message a process sends its cluster's primary after a publication, which relays it to the others. */
const FORGET_PUBLIC_REFS = "govreports:forget-public-refs";

/** Set by the primary on its workers: this process is one of several on one port. */
const CLUSTER_ENV = "GOVREPORTS_CLUSTER";

const LOCAL_ORIGIN = Symbol.for("govreports.localOrigin");

/**
 * Where this process's own HTTP server answers (http://127.0.0.1:PORT), recorded by the response
 * cache when `next start`'s server listens: the page renders queued at publication
 * (lib/server/public/prerender-page.ts) ask the app itself for the page.
 * @param {string} origin
 */
function setLocalOrigin(origin) {
  /** @type {Record<symbol, unknown>} */ (globalThis)[LOCAL_ORIGIN] = origin;
}

/** @returns {string | undefined} */
function localOrigin() {
  const origin = /** @type {Record<symbol, unknown>} */ (globalThis)[LOCAL_ORIGIN];
  return typeof origin === "string" ? origin : undefined;
}

/** @param {ResponseCacheKey} keyOf */
function registerResponseCacheKey(keyOf) {
  /** @type {Record<symbol, unknown>} */ (globalThis)[RESPONSE_CACHE_KEY] = keyOf;
}

/** @returns {ResponseCacheKey | undefined} the key function instrumentation.ts registered, if any yet */
function registeredResponseCacheKey() {
  const keyOf = /** @type {Record<symbol, unknown>} */ (globalThis)[RESPONSE_CACHE_KEY];
  return typeof keyOf === "function" ? /** @type {ResponseCacheKey} */ (keyOf) : undefined;
}

/**
 * @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void | Promise<void>} FrontHandler
 * a request the app answers in front of Next (./response-cache.cjs hands it over), e.g. the draft
 * save (lib/server/reports/draft-save-front.ts)
 */

const FRONT_HANDLERS = Symbol.for("govreports.frontHandlers");

/** @returns {Map<string, FrontHandler>} by "METHOD path" */
function frontHandlers() {
  const g = /** @type {Record<symbol, unknown>} */ (globalThis);
  return /** @type {Map<string, FrontHandler>} */ ((g[FRONT_HANDLERS] ??= new Map()));
}

/**
 * @param {string} method
 * @param {string} pathname exactly, without a query
 * @param {FrontHandler} handler
 */
function registerFrontHandler(method, pathname, handler) {
  frontHandlers().set(`${method} ${pathname}`, handler);
}

/**
 * The handler registered for this request line, if any (a URL with a query is always Next's).
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {FrontHandler | undefined}
 */
function frontHandler(method, url) {
  const g = /** @type {Record<symbol, Map<string, FrontHandler> | undefined>} */ (globalThis);
  return g[FRONT_HANDLERS]?.get(`${method} ${url}`);
}

module.exports = {
  RESPONSE_CACHE_KEY,
  FORGET_PUBLIC_REFS,
  CLUSTER_ENV,
  registerResponseCacheKey,
  registeredResponseCacheKey,
  registerFrontHandler,
  frontHandler,
  setLocalOrigin,
  localOrigin,
};
