import { describe, expect, it } from "vitest";
import { clientAddressFrom, requestIsHttps } from "@/lib/server/security/client-address";
import { contentSecurityPolicy, usesNonce } from "@/lib/server/security/csp";

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
  it("nonce policy: strict-dynamic with the nonce, no unsafe-inline scripts", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("unsafe-eval");
  });

  it("both policies forbid framing, plugins, foreign base and images from other hosts", () => {
    for (const csp of [contentSecurityPolicy({ nonce: "n", dev: false }), contentSecurityPolicy({ nonce: null, dev: false })]) {
      for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "img-src 'self' data:", "form-action 'self'"]) expect(csp).toContain(d);
    }
  });

  it("nonces on signed-in areas and the sign-in form; public pages stay cacheable", () => {
    for (const p of ["/login", "/me", "/workspace", "/workspace/reports/x", "/review/640122", "/admin/users"]) expect(usesNonce(p), p).toBe(true);
    for (const p of ["/", "/reports/640122100000/2020", "/regions/640122", "/agencies", "/data", "/tools/validate", "/forbidden", "/loginx", "/workspaces"]) expect(usesNonce(p), p).toBe(false);
  });
});
