// The response cache in front of Next (lib/server/cache/response-cache.cjs), over real HTTP: a
// stand-in for Next's listener that answers like proxy.ts does for a cached public page, and a
// key function like lib/server/cache/response-cache-key.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createResponseCache, installResponseCache } from "../../lib/server/cache/response-cache.cjs";
import { RESPONSE_CACHE_KEY, registerFrontHandler, registerResponseCacheKey, type ResponseCacheKey as KeyOf } from "../../lib/server/cache/process-wiring.cjs";

const PAGE = "<!DOCTYPE html><p>贺兰县习岗镇2020年政府信息公开工作年度报告</p>".repeat(200);
// a stored page's policy: its inline scripts by hash (lib/server/cache/route-cache-handler.mjs)
const CSP = "default-src 'self'; script-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; object-src 'none'";

/** What Next would answer, and how often it was asked. */
function fakeNext(overrides: { status?: number; etag?: (v: number) => string; headers?: Record<string, string | string[]>; without?: string[]; chunks?: number; arrayHeaders?: boolean } = {}) {
  const state = { calls: 0, version: 1 };
  const listener: http.RequestListener = (req, res) => {
    state.calls++;
    const etag = overrides.etag ? overrides.etag(state.version) : `"v${state.version}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    res.statusCode = overrides.status ?? 200;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "public, max-age=0, s-maxage=60, stale-while-revalidate=300");
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("Vary", "rsc, Accept-Encoding");
    res.setHeader("ETag", etag);
    for (const [k, v] of Object.entries(overrides.headers ?? {})) res.setHeader(k, v);
    for (const k of overrides.without ?? []) res.removeHeader(k);
    // route handlers' headers reach the response as arrays
    if (overrides.arrayHeaders) for (const k of ["ETag", "Cache-Control"]) res.setHeader(k, [String(res.getHeader(k))]);
    let body: Buffer = Buffer.from(`${PAGE}<p>第 ${state.version} 版</p>`);
    if (/gzip/.test(String(req.headers["accept-encoding"] ?? ""))) {
      res.setHeader("Content-Encoding", "gzip");
      body = zlib.gzipSync(body);
    }
    if (req.method === "HEAD") return void res.end();
    // Next streams: several writes, then end
    const parts = overrides.chunks ?? 3;
    const size = Math.ceil(body.length / parts);
    for (let i = 0; i < parts - 1; i++) res.write(body.subarray(i * size, (i + 1) * size));
    res.end(body.subarray((parts - 1) * size));
  };
  return { state, listener };
}

/** The key function of the app: only /reports/…, keyed by the current version's tag. */
function keyFor(state: { version: number }, etag = (v: number) => `"v${v}"`): KeyOf {
  return (pathname) => (pathname.startsWith("/reports/") ? Promise.resolve({ key: `${etag(state.version)}|http`, etag: etag(state.version) }) : null);
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  delete (globalThis as Record<symbol, unknown>)[RESPONSE_CACHE_KEY];
});

async function serve(listener: http.RequestListener): Promise<string> {
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  const res = await fetch(url, { headers: { "accept-encoding": "identity", ...headers }, method });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const REPORT = "/reports/640122100000/2020";

describe("response cache", () => {
  it("answers a repeat request from memory with what Next sent, byte for byte", async () => {
    const next = fakeNext();
    const cache = createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) });
    const base = await serve(cache.wrap(next.listener));
    const first = await get(base + REPORT);
    const second = await get(base + REPORT);
    expect(next.state.calls).toBe(1);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.body.toString()).toContain("第 1 版");
    for (const h of ["content-type", "cache-control", "content-security-policy", "vary", "etag"]) expect(second.headers.get(h)).toBe(first.headers.get(h));
    expect(second.headers.get("content-length")).toBe(String(first.body.length));
    expect(second.headers.get("date")).toBeTruthy();
    expect(cache.stats()).toEqual({ entries: 1, bytes: first.body.length });
  });

  it("keeps a route handler's answer, whose headers Next sets as arrays", async () => {
    const next = fakeNext({ arrayHeaders: true });
    const cache = createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) });
    const base = await serve(cache.wrap(next.listener));
    const first = await get(base + REPORT);
    const second = await get(base + REPORT);
    expect(next.state.calls).toBe(1);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.get("etag")).toBe('"v1"');
  });

  it("asks Next again once the key names another version, and never serves the old one", async () => {
    const next = fakeNext();
    const base = await serve(createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) }).wrap(next.listener));
    await get(base + REPORT);
    next.state.version = 2;
    const after = await get(base + REPORT);
    expect(after.body.toString()).toContain("第 2 版");
    expect((await get(base + REPORT)).body.toString()).toContain("第 2 版");
    expect(next.state.calls).toBe(2);
  });

  it("keeps one copy per Accept-Encoding", async () => {
    const next = fakeNext();
    const base = await serve(createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) }).wrap(next.listener));
    const plain = await get(base + REPORT);
    const zipped = await get(base + REPORT, { "accept-encoding": "gzip" });
    const again = await get(base + REPORT, { "accept-encoding": "gzip" });
    expect(next.state.calls).toBe(2);
    // fetch decodes gzip: the same page either way, and the second gzip answer came from memory
    expect(zipped.body.equals(plain.body)).toBe(true);
    expect(again.body.equals(plain.body)).toBe(true);
    expect(again.headers.get("content-encoding")).toBe("gzip");
    expect((await get(base + REPORT)).headers.get("content-encoding")).toBeNull();
  });

  it("answers If-None-Match with a 304 carrying the validators", async () => {
    const next = fakeNext();
    const base = await serve(createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) }).wrap(next.listener));
    await get(base + REPORT);
    const res = await get(base + REPORT, { "if-none-match": 'W/"x", "v1"' });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(res.headers.get("cache-control")).toContain("public");
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect((await get(base + REPORT, { "if-none-match": '"v0"' })).status).toBe(200);
    expect(next.state.calls).toBe(1);
  });

  it("answers HEAD from a kept copy, and keeps nothing from a HEAD", async () => {
    const next = fakeNext();
    const cache = createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) });
    const base = await serve(cache.wrap(next.listener));
    await get(base + REPORT, {}, "HEAD");
    expect(cache.stats().entries).toBe(0);
    const full = await get(base + REPORT);
    const head = await get(base + REPORT, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.get("content-length")).toBe(String(full.body.length));
    expect(next.state.calls).toBe(2);
  });

  /** REPORT asked twice through a fresh cache over `next`: how often Next answered, and what the cache kept. */
  async function servedTwice(next: ReturnType<typeof fakeNext>) {
    const cache = createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) });
    const base = await serve(cache.wrap(next.listener));
    await get(base + REPORT);
    await get(base + REPORT);
    return { calls: next.state.calls, entries: cache.stats().entries };
  }

  it("keeps only what the key promises: a public 200 with the key's ETag, no cookie, no nonce", async () => {
    const cases: { name: string; next: ReturnType<typeof fakeNext> }[] = [
      { name: "404", next: fakeNext({ status: 404 }) },
      { name: "another ETag", next: fakeNext({ etag: (v) => `"other-${v}"` }) },
      { name: "private", next: fakeNext({ headers: { "Cache-Control": "private, no-cache, no-store" } }) },
      { name: "cookie", next: fakeNext({ headers: { "Set-Cookie": "a=b" } }) },
      { name: "nonce", next: fakeNext({ headers: { "Content-Security-Policy": "script-src 'nonce-abc' 'strict-dynamic'" } }) },
    ];
    for (const { name, next } of cases) expect({ name, ...(await servedTwice(next)) }).toEqual({ name, calls: 2, entries: 0 });
  });

  it("keeps a page only with a policy that names its scripts: never one allowing inline script, nor one without a policy", async () => {
    const cases: { name: string; next: ReturnType<typeof fakeNext> }[] = [
      { name: "unsafe-inline", next: fakeNext({ headers: { "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'" } }) },
      { name: "two policies, one unsafe-inline", next: fakeNext({ headers: { "Content-Security-Policy": [CSP, "script-src 'self' 'unsafe-inline'"] } }) },
      { name: "no policy", next: fakeNext({ without: ["Content-Security-Policy"] }) },
    ];
    for (const { name, next } of cases) expect({ name, ...(await servedTwice(next)) }).toEqual({ name, calls: 2, entries: 0 });
    // what is not a page (a region's CSV or JSON) is kept under the API's own policy
    const data = fakeNext({ headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" } });
    const base = await serve(createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(data.state) }).wrap(data.listener));
    await get(base + REPORT);
    expect((await get(base + REPORT)).headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(data.state.calls).toBe(1);
  });

  it("leaves Next's router requests, other methods and paths without a key to Next", async () => {
    const next = fakeNext();
    const base = await serve(createResponseCache({ maxBytes: 1 << 20, keyOf: keyFor(next.state) }).wrap(next.listener));
    await get(base + REPORT);
    expect(next.state.calls).toBe(1);
    await get(base + REPORT, { rsc: "1" });
    await get(base + REPORT, { "next-router-prefetch": "1" });
    await get(base + `${REPORT}?_rsc=abc`);
    await fetch(base + REPORT, { method: "POST", body: "x" });
    await get(base + "/login");
    await get(base + "/login");
    expect(next.state.calls).toBe(7);
  });

  it("passes the request on when the key cannot be had, or none is registered", async () => {
    const next = fakeNext();
    const failing = await serve(createResponseCache({ maxBytes: 1 << 20, keyOf: () => Promise.reject(new Error("database away")) }).wrap(next.listener));
    expect((await get(failing + REPORT)).status).toBe(200);
    expect((await get(failing + REPORT)).status).toBe(200);
    expect(next.state.calls).toBe(2);
    // the default key function is the app's, registered on globalThis once the server starts
    const unregistered = await serve(createResponseCache({ maxBytes: 1 << 20 }).wrap(next.listener));
    await get(unregistered + REPORT);
    await get(unregistered + REPORT);
    expect(next.state.calls).toBe(4);
    registerResponseCacheKey(keyFor(next.state));
    await get(unregistered + REPORT);
    await get(unregistered + REPORT);
    expect(next.state.calls).toBe(5);
  });

  it("evicts the least recently used copy beyond its size", async () => {
    const next = fakeNext({ chunks: 1 });
    const cache = createResponseCache({ maxBytes: 2.5 * Buffer.byteLength(PAGE), keyOf: (p) => Promise.resolve({ key: `${p}|"v1"`, etag: '"v1"' }) });
    const base = await serve(cache.wrap(next.listener));
    for (const p of ["/a", "/b", "/a", "/c"]) await get(base + p);
    // /a, /b kept; /a used again; /c pushes out /b, the least recently used
    expect(next.state.calls).toBe(3);
    expect(cache.stats().entries).toBe(2);
    await get(base + "/a");
    await get(base + "/c");
    expect(next.state.calls).toBe(3);
    await get(base + "/b");
    expect(next.state.calls).toBe(4);
  });

  it("is put in front of the listener `http.createServer` is given", async () => {
    const fakeHttp = { createServer: (listener: http.RequestListener) => http.createServer(listener) };
    installResponseCache(fakeHttp as unknown as typeof http);
    const next = fakeNext();
    registerResponseCacheKey(keyFor(next.state));
    const server = fakeHttp.createServer(next.listener);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await get(base + REPORT);
    await get(base + REPORT);
    expect(next.state.calls).toBe(1);
  });
});

describe("handlers in front of Next (process-wiring registerFrontHandler)", () => {
  it("answers the registered method and path itself; every other request, a query included, goes to Next", async () => {
    const { state, listener } = fakeNext();
    const cache = createResponseCache({ maxBytes: 1024 * 1024, keyOf: keyFor(state) });
    const seen: string[] = [];
    registerFrontHandler("POST", "/api/front-test", (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"ok":true}');
    });
    const base = await serve(cache.wrap(listener));
    const r = await fetch(`${base}/api/front-test`, { method: "POST", body: "{}" });
    expect(await r.text()).toBe('{"ok":true}');
    expect(seen).toEqual(["POST /api/front-test"]);
    expect(state.calls).toBe(0);
    for (const [method, path] of [["GET", "/api/front-test"], ["POST", "/api/front-test?x=1"], ["POST", "/api/front-test/more"]]) {
      await (await fetch(`${base}${path}`, { method, body: method === "POST" ? "{}" : undefined })).arrayBuffer();
    }
    expect(seen).toHaveLength(1);
    expect(state.calls).toBe(3);
  });
});
