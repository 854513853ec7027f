// The published public pages' finished responses, kept in each app process's memory in front of
// Next: a repeat request for a page the process has already sent is answered from here, without
// Next's router, proxy.ts and renderer (about 1 ms of one core per report-page hit even when
// Next's own route cache holds the page; a hit here costs a few hundredths of that).
// Installed by scripts/lib/next-cluster.cjs around the request listener of `next start`; loaded
// at run time, not bundled, hence plain JS.
//
// Which requests, and under which key, is the app's decision, asked for every GET and HEAD
// through globalThis[KEY_FUNCTION] (lib/server/cache/response-cache-key.ts, registered by
// instrumentation.ts): it answers only for the public pages proxy.ts serves from Next's route
// cache under a path that names their published version or stamp, and the key it gives is the
// ETag proxy.ts puts on that response. So the key changes when a report is published or
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
"use strict";

const { matchesIfNoneMatch } = require("../../http/if-none-match.cjs");

const KEY_FUNCTION = Symbol.for("govreports.responseCacheKey");
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
/** requests for Next's client router (RSC payloads, prefetches) and server actions: always Next's */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action"];
/** hop-by-hop or per-response headers, never replayed */
const NOT_REPLAYED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
/** what a 304 repeats of the 200 (RFC 9110 §15.4.5) */
const NOT_MODIFIED_HEADERS = new Set(["cache-control", "content-location", "etag", "expires", "vary"]);

/** A header as set by Next: a string, a number, or (route handlers) an array of strings. */
function headerText(value) {
  return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
}

/** Whether `csp` (one policy or several, comma-joined) names a script-src and none allows 'unsafe-inline'. */
function allowsOnlyKnownScripts(csp) {
  const scriptSources = csp
    .split(",")
    .flatMap((policy) => policy.split(";"))
    .map((directive) => directive.trim())
    .filter((directive) => /^script-src(\s|$)/i.test(directive));
  return scriptSources.length > 0 && scriptSources.every((directive) => !/'unsafe-inline'/i.test(directive));
}

function toBuffer(chunk, encoding) {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk); // a copy: the writer may reuse its buffer
  return null;
}

/**
 * @param {{ maxBytes: number, keyOf?: (pathname: string, search: string, headers: import("node:http").IncomingHttpHeaders) => Promise<{ key: string, etag: string } | null> | null }} options
 * keyOf: the app's key function (null at once for a path that is not a cached page, else a
 * promise); by default the one instrumentation.ts registered on globalThis
 */
function createResponseCache({ maxBytes, keyOf }) {
  /** @type {Map<string, { etag: string, headers: Record<string, any>, notModified: Record<string, any>, body: Buffer }>} */
  const entries = new Map();
  let totalBytes = 0;

  function lookup(key) {
    const hit = entries.get(key);
    if (!hit) return null;
    // most recently used last: Map keeps insertion order
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }

  function forget(key) {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    totalBytes -= old.body.length;
  }

  function store(key, entry) {
    forget(key);
    if (entry.body.length > maxBytes) return;
    entries.set(key, entry);
    totalBytes += entry.body.length;
    for (const [oldest] of entries) {
      if (totalBytes <= maxBytes) break;
      forget(oldest);
    }
  }

  /** The entry `res` amounts to once Next has ended it, or null when it must not be kept. */
  function entryOf(res, etag, chunks) {
    if (res.statusCode !== 200) return null;
    const headers = res.getHeaders();
    const cacheControl = headerText(headers["cache-control"]);
    if (headerText(headers.etag) !== etag || !/\bpublic\b/.test(cacheControl) || /\b(private|no-store)\b/.test(cacheControl)) return null;
    const csp = headerText(headers["content-security-policy"]);
    if (headers["set-cookie"] !== undefined || /'nonce-/.test(csp)) return null;
    if (/^\s*text\/html/i.test(headerText(headers["content-type"])) && !allowsOnlyKnownScripts(csp)) return null;
    const body = Buffer.concat(chunks);
    const replayed = {};
    const notModified = {};
    for (const [name, value] of Object.entries(headers)) {
      if (NOT_REPLAYED.has(name)) continue;
      replayed[name] = value;
      if (NOT_MODIFIED_HEADERS.has(name)) notModified[name] = value;
    }
    replayed["content-length"] = body.length;
    return { etag, headers: replayed, notModified, body };
  }

  /** Lets Next answer `res`, keeping what it sends under `key` if it is the page the key names. */
  function capture(res, key, etag) {
    const chunks = [];
    let bytes = 0;
    let keep = true;
    const collect = (chunk, encoding) => {
      if (!keep || chunk == null || typeof chunk === "function") return;
      const buf = toBuffer(chunk, encoding);
      if (!buf) keep = false;
      else if ((bytes += buf.length) > MAX_ENTRY_BYTES) keep = false;
      else chunks.push(buf);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      return write.apply(this, arguments);
    };
    res.end = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      res.write = write;
      res.end = end;
      if (keep) {
        const entry = entryOf(res, etag, chunks);
        if (entry) store(key, entry);
      }
      return end.apply(this, arguments);
    };
  }

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

  /** `listener` (Next's request listener) with this cache in front of it. */
  function wrap(listener) {
    return function cachedListener(req, res) {
      const keyFunction = keyOf ?? globalThis[KEY_FUNCTION];
      if (typeof keyFunction !== "function" || (req.method !== "GET" && req.method !== "HEAD") || ROUTER_HEADERS.some((h) => h in req.headers)) {
        return listener.call(this, req, res);
      }
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const pathname = q < 0 ? url : url.slice(0, q);
      const search = q < 0 ? "" : url.slice(q);
      // Next's RSC requests also name themselves in the query
      if (search.includes("_rsc")) return listener.call(this, req, res);
      const self = this;
      const passOn = () => listener.call(self, req, res);
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
        const hit = lookup(key);
        if (hit) return serve(req, res, hit);
        if (req.method === "GET") capture(res, key, page.etag);
        return passOn();
      }, passOn);
    };
  }

  return { wrap, stats: () => ({ entries: entries.size, bytes: totalBytes }) };
}

/**
 * Puts one cache in front of every request listener this process's `http.createServer` is given
 * from now on: `next start` makes one. Call before Next starts.
 */
function installResponseCache(http = require("node:http")) {
  const maxBytes = (Number(process.env.RESPONSE_CACHE_MAX_MB) || 128) * 1024 * 1024;
  const cache = createResponseCache({ maxBytes });
  const createServer = http.createServer;
  http.createServer = function (...args) {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) args[i] = cache.wrap(args[i]);
    return createServer.apply(this, args);
  };
  return cache;
}

module.exports = { createResponseCache, installResponseCache, KEY_FUNCTION };
