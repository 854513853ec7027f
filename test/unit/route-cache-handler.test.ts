// The route cache handler Next loads at run time (lib/server/cache/route-cache-handler.mjs):
// pages kept as UTF-8 bytes with their CSP (their inline scripts' hashes, worked out once),
// least recently used evicted beyond the limit, tags honoured.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

type Handler = {
  get(key: string): Promise<{ lastModified: number; value: Record<string, unknown>; cacheControl?: unknown } | null>;
  set(key: string, value: Record<string, unknown> | null, ctx?: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
};

async function freshHandler(maxMb?: number): Promise<Handler> {
  vi.resetModules();
  if (maxMb === undefined) delete process.env.ROUTE_CACHE_MAX_MB;
  else process.env.ROUTE_CACHE_MAX_MB = String(maxMb);
  const { default: RouteCacheHandler } = await import("../../lib/server/cache/route-cache-handler.mjs");
  return new RouteCacheHandler() as Handler;
}

function appPage(html: string, tags?: string) {
  return { kind: "APP_PAGE", html, rscData: Buffer.from("0:{}"), headers: tags ? { "x-next-cache-tags": tags } : {}, status: 200, postponed: undefined, segmentData: undefined };
}

afterEach(() => {
  vi.unstubAllEnvs();
  delete process.env.ROUTE_CACHE_MAX_MB;
});

describe("route cache handler", () => {
  it("keeps a page's HTML as its UTF-8 bytes, with what Next stored beside it", async () => {
    const cache = await freshHandler();
    const html = "<!DOCTYPE html><p>政府信息公开工作年度报告</p>";
    await cache.set("/published/640122100000/2020/1", appPage(html), { cacheControl: { revalidate: false, expire: 3600 } });
    const hit = await cache.get("/published/640122100000/2020/1");
    expect(hit).not.toBeNull();
    expect(Buffer.isBuffer(hit!.value.html)).toBe(true);
    expect((hit!.value.html as Buffer).toString("utf8")).toBe(html);
    expect(hit!.value.status).toBe(200);
    expect(hit!.cacheControl).toEqual({ revalidate: false, expire: 3600 });
    expect(hit!.lastModified).toBeLessThanOrEqual(Date.now());
    expect(await cache.get("/published/640122100000/2020/2")).toBeNull();
  });

  it("stores each page with a policy naming its inline scripts by hash, and sends it with the page the first time too", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const cache = await freshHandler();
    const boot = "(self.__next_f=self.__next_f||[]).push([0])";
    const flight = 'self.__next_f.push([1,"0:[\\"$\\",\\"p\\",null,{\\"children\\":\\"习岗镇\\"}]\\n"])';
    const html = `<!DOCTYPE html><script src="/_next/static/chunks/a.js" async=""></script><p>习岗镇</p><script>${boot}</script><script>${flight}</script><script>alert(1)</script>`;
    const page = appPage(html, "_N_T_/layout");
    await cache.set("/published/640122100000/2020/1", page, { cacheControl: { revalidate: false } });
    const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    const csp = String((page.headers as Record<string, string>)["content-security-policy"]);
    // Next answers the request that rendered the page from the value it stored: the header is on it
    expect(csp).toContain(`script-src 'self' ${sha(boot)} ${sha(flight)};`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).not.toContain(sha("alert(1)"));
    expect(csp).toContain("frame-ancestors 'none'");
    const hit = await cache.get("/published/640122100000/2020/1");
    const headers = hit!.value.headers as Record<string, string>;
    expect(headers["content-security-policy"]).toBe(csp);
    expect(headers["x-next-cache-tags"]).toBe("_N_T_/layout");
    // worked out once: every hit hands Next the same stored headers
    expect((await cache.get("/published/640122100000/2020/1"))!.value.headers).toBe(headers);
  });

  it("stores other kinds and an empty shell as they are", async () => {
    const cache = await freshHandler();
    const route = { kind: "APP_ROUTE", body: Buffer.from("{}"), headers: {}, status: 200 };
    await cache.set("/api/x", route);
    expect((await cache.get("/api/x"))!.value).toEqual(route);
    await cache.set("/empty", appPage(""));
    expect((await cache.get("/empty"))!.value.html).toBe("");
    await cache.set("/api/x", null);
    expect(await cache.get("/api/x")).toBeNull();
  });

  it("evicts the least recently used pages beyond the limit, never the one just read", async () => {
    const cache = await freshHandler(1);
    const page = (n: number) => appPage(`<p>${n}</p>` + "x".repeat(300 * 1024));
    await cache.set("/a", page(1));
    await cache.set("/b", page(2));
    await cache.set("/c", page(3));
    expect(await cache.get("/a")).not.toBeNull(); // now the most recently used
    await cache.set("/d", page(4)); // about 1.2 MB in all: one must go, the oldest unread
    expect(await cache.get("/b")).toBeNull();
    for (const key of ["/a", "/c", "/d"]) expect(await cache.get(key), key).not.toBeNull();
    // a page bigger than the whole cache is not kept (and evicts nothing)
    await cache.set("/huge", appPage("x".repeat(2 * 1024 * 1024)));
    expect(await cache.get("/huge")).toBeNull();
    expect(await cache.get("/d")).not.toBeNull();
  });

  it("drops an entry whose tag was revalidated after it was stored", async () => {
    const cache = await freshHandler();
    await cache.set("/review-list", appPage("<p>old</p>", "_N_T_/layout,_N_T_/review"));
    await cache.set("/other", appPage("<p>other</p>", "_N_T_/layout,_N_T_/other"));
    await new Promise((r) => setTimeout(r, 5));
    await cache.revalidateTag("_N_T_/review");
    expect(await cache.get("/review-list")).toBeNull();
    expect(await cache.get("/other")).not.toBeNull();
    // stored again after the revalidation: kept
    await new Promise((r) => setTimeout(r, 5));
    await cache.set("/review-list", appPage("<p>new</p>", "_N_T_/layout,_N_T_/review"));
    expect(((await cache.get("/review-list"))!.value.html as Buffer).toString()).toBe("<p>new</p>");
  });
});
