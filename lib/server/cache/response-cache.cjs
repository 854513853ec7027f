// @ts-check
// The published public pages' finished responses, kept in each app process's memory in front of
// Next: a repeat request for a page the process has already sent is answered from here, without
// Next's router, proxy.ts and renderer (about 1 ms of one core per report-page hit even when
// Next's own route cache holds the page; a hit here costs a few hundredths of that).
// Installed by scripts/lib/next-cluster.cjs around the request listener of `next start`; loaded
// at run time, not bundled, hence plain JS.
//
// Which requests, and under which key, is the app's decision, asked for every GET and HEAD
// through the key function instrumentation.ts registers (./process-wiring.cjs says why on
// globalThis; ./response-cache-key.ts): it answers only for the routes of the table in
// ./public-routes.ts, and the key it gives is the ETag proxy.ts or the route puts on that response. So the key changes when a report is published or
// corrected on any instance, exactly when proxy.ts's rewrite does, and nothing is ever
// invalidated here: an entry no longer asked for is evicted, least recently used first, beyond
// RESPONSE_CACHE_MAX_MB (default 128 MB per process).
//
// A response is kept only when it is what the key promises: a 200 whose ETag is the key's,
// public in its Cache-Control, with no cookie and no per-request CSP nonce; a page (HTML) only
// with the policy the route cache stored with it, its inline scripts by hash and never
// 'unsafe-inline' (lib/server/security/csp.ts: that policy is worked out once, when Next stores
// the page, and replayed from here as it is). It is kept per
// Accept-Encoding as the client wrote it (Next compresses for some and not for others) and
// replayed as Next sent it, with a fresh Date; an If-None-Match for it gets a 304.
//
// The same wrapper hands the few requests the app answers itself in front of Next (the draft save,
// registered through ./process-wiring.cjs) to their handlers.
"use strict";

const { matchesIfNoneMatch } = require("../../http/if-none-match.cjs");
const { Lru } = require("./lru.cjs");
const { frontHandler, registeredResponseCacheKey, setLocalOrigin } = require("./process-wiring.cjs");

/** @typedef {import("./process-wiring.cjs").ResponseCacheKey} ResponseCacheKey */
/** @typedef {import("node:http").IncomingMessage} Request */
/** @typedef {import("node:http").ServerResponse} Response */
/** @typedef {(req: Request, res: Response) => void} Listener */
/** @typedef {{ etag: string, headers: import("node:http").OutgoingHttpHeaders, notModified: import("node:http").OutgoingHttpHeaders, body: Buffer }} Entry */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
/** requests for Next's client router (RSC payloads, prefetches) and server actions: always Next's */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action"];
/** hop-by-hop or per-response headers, never replayed */
const NOT_REPLAYED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
/** what a 304 repeats of the 200 (RFC 9110 §15.4.5) */
const NOT_MODIFIED_HEADERS = new Set(["cache-control", "content-location", "etag", "expires", "vary"]);

/**
 * A header as set by Next: a string, a number, or (route handlers) an array of strings.
 * @param {string | number | string[] | undefined} value
 */
function headerText(value) {
  return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
}

/**
 * Whether `csp` (one policy or several, comma-joined) names a script-src and none allows 'unsafe-inline'.
 * @param {string} csp
 */
function allowsOnlyKnownScripts(csp) {
  const scriptSources = csp
    .split(",")
    .flatMap((policy) => policy.split(";"))
    .map((directive) => directive.trim())
    .filter((directive) => /^script-src(\s|$)/i.test(directive));
  return scriptSources.length > 0 && scriptSources.every((directive) => !/'unsafe-inline'/i.test(directive));
}

/**
 * @param {unknown} chunk
 * @param {unknown} encoding
 */
function toBuffer(chunk, encoding) {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk); // a copy: the writer may reuse its buffer
  return null;
}

/**
 * @param {{ maxBytes: number, keyOf?: ResponseCacheKey }} options
 * keyOf: the app's key function; by default the one instrumentation.ts registered
 */
function createResponseCache({ maxBytes, keyOf }) {
  /** @type {Lru<Entry>} sized by body bytes */
  const entries = new Lru({ maxSize: maxBytes });

  /**
   * The entry `res` amounts to once Next has ended it, or null when it must not be kept.
   * @param {Response} res
   * @param {string} etag
   * @param {Buffer[]} chunks
   * @returns {Entry | null}
   */
  function entryOf(res, etag, chunks) {
    if (res.statusCode !== 200) return null;
    const headers = res.getHeaders();
    const cacheControl = headerText(headers["cache-control"]);
    if (headerText(headers.etag) !== etag || !/\bpublic\b/.test(cacheControl) || /\b(private|no-store)\b/.test(cacheControl)) return null;
    const csp = headerText(headers["content-security-policy"]);
    if (headers["set-cookie"] !== undefined || /'nonce-/.test(csp)) return null;
    if (/^\s*text\/html/i.test(headerText(headers["content-type"])) && !allowsOnlyKnownScripts(csp)) return null;
    const body = Buffer.concat(chunks);
    /** @type {import("node:http").OutgoingHttpHeaders} */
    const replayed = {};
    /** @type {import("node:http").OutgoingHttpHeaders} */
    const notModified = {};
    for (const [name, value] of Object.entries(headers)) {
      if (NOT_REPLAYED.has(name)) continue;
      replayed[name] = value;
      if (NOT_MODIFIED_HEADERS.has(name)) notModified[name] = value;
    }
    replayed["content-length"] = body.length;
    return { etag, headers: replayed, notModified, body };
  }

  /**
   * Lets Next answer `res`, keeping what it sends under `key` if it is the page the key names.
   * @param {Response} res
   * @param {string} key
   * @param {string} etag
   */
  function capture(res, key, etag) {
    /** @type {Buffer[]} */
    const chunks = [];
    let bytes = 0;
    let keep = true;
    /** @type {(chunk: unknown, encoding?: unknown) => void} */
    const collect = (chunk, encoding) => {
      if (!keep || chunk == null || typeof chunk === "function") return;
      const buf = toBuffer(chunk, encoding);
      if (!buf) keep = false;
      else if ((bytes += buf.length) > MAX_ENTRY_BYTES) keep = false;
      else chunks.push(buf);
    };
    const write = res.write;
    const end = res.end;
    // the response's own methods, wrapped for this one response: Next writes the page through them
    res.write = /** @type {Response["write"]} */ (
      /** @this {Response} @param {unknown[]} args */
      function (...args) {
        collect(args[0], args[1]);
        return write.apply(this, /** @type {any} */ (args));
      }
    );
    res.end = /** @type {Response["end"]} */ (
      /** @this {Response} @param {unknown[]} args */
      function (...args) {
        collect(args[0], args[1]);
        res.write = write;
        res.end = end;
        if (keep) {
          const entry = entryOf(res, etag, chunks);
          if (entry) entries.set(key, entry, entry.body.length);
        }
        return end.apply(this, /** @type {any} */ (args));
      }
    );
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {Entry} hit
   */
  function serve(req, res, hit) {
    const condition = req.headers["if-none-match"];
    if (condition && matchesIfNoneMatch(condition, hit.etag)) {
      res.writeHead(304, hit.notModified);
      res.end();
    } else {
      res.writeHead(200, hit.headers);
      res.end(req.method === "HEAD" ? undefined : hit.body);
    }
  }

  /**
   * `listener` (Next's request listener) with this cache in front of it.
   * @param {Listener} listener
   * @returns {Listener}
   */
  function wrap(listener) {
    return function cachedListener(req, res) {
      // a request the app answers itself, before Next (./process-wiring.cjs: the draft save)
      const front = frontHandler(req.method, req.url);
      if (front) return void front(req, res);
      const keyFunction = keyOf ?? registeredResponseCacheKey();
      if (typeof keyFunction !== "function" || (req.method !== "GET" && req.method !== "HEAD") || ROUTER_HEADERS.some((h) => h in req.headers)) {
        return listener(req, res);
      }
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const pathname = q < 0 ? url : url.slice(0, q);
      const search = q < 0 ? "" : url.slice(q);
      // Next's RSC requests also name themselves in the query
      if (search.includes("_rsc")) return listener(req, res);
      const passOn = () => listener(req, res);
      let pending;
      try {
        pending = keyFunction(pathname, search, req.headers);
      } catch {
        return passOn();
      }
      // not one of the cached pages (answered at once, without a promise)
      if (pending == null) return passOn();
      // the key's own lookup failing (the database away) is Next's to answer, with its error page
      Promise.resolve(pending).then((page) => {
        if (!page) return passOn();
        const key = `${page.key}|${String(req.headers["accept-encoding"] ?? "").toLowerCase().replace(/\s+/g, "")}`;
        const hit = entries.get(key);
        if (hit) return serve(req, res, hit);
        if (req.method === "GET") capture(res, key, page.etag);
        return passOn();
      }, passOn);
    };
  }

  return { wrap, stats: () => ({ entries: entries.size, bytes: entries.totalSize }) };
}

/**
 * Puts one cache in front of every request listener this process's `http.createServer` is given
 * from now on: `next start` makes one. Call before Next starts.
 *
 * Why a patch and not a server of our own: `next start` (node_modules/next/dist/bin/next) creates
 * its HTTP server inside Next, with its own listener, keep-alive and upgrade handling, and offers
 * no hook to wrap that listener. Next's programmatic server (`next({ … }).getRequestHandler()`)
 * would let us create the server ourselves, but it is a different code path from `next start`
 * (rewrites to a different origin are proxied over HTTP there, and Next's start-up, instrumentation
 * and graceful shutdown would be ours to copy). So the one place that starts Next
 * (scripts/lib/next-cluster.cjs) calls this right before it, and nothing else patches anything.
 * @param {{ createServer: typeof import("node:http").createServer }} [http]
 */
function installResponseCache(http = require("node:http")) {
  const maxBytes = (Number(process.env.RESPONSE_CACHE_MAX_MB) || 128) * 1024 * 1024;
  const cache = createResponseCache({ maxBytes });
  const createServer = http.createServer;
  http.createServer = /** @type {typeof createServer} */ (
    /** @param {any[]} args */
    function (...args) {
      const i = args.findIndex((a) => typeof a === "function");
      if (i >= 0) args[i] = cache.wrap(args[i]);
      const server = createServer.apply(http, /** @type {any} */ (args));
      // the app's own address, for the renders it asks itself for (./process-wiring.cjs)
      server.once("listening", () => {
        const address = server.address();
        if (address && typeof address === "object") {
          const host = address.address === "::" || address.address === "0.0.0.0" ? "127.0.0.1" : address.family === "IPv6" ? `[${address.address}]` : address.address;
          setLocalOrigin(`http://${host}:${address.port}`);
        }
      });
      return server;
    }
  );
  return cache;
}

module.exports = { createResponseCache, installResponseCache };
