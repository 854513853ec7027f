// The session token decrypted once per process (lib/auth/session-token.ts): remembered per
// token, never past its expiry, bounded, and never standing in for a different cookie.
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cookiesOfHeader, rememberedTokenCount, sessionToken } from "@/lib/auth/session-token";

const SECRET = "session-token-test-secret-0123456789abcdef";
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
});
afterEach(() => vi.useRealTimers());

const cookie = async (uid: string, maxAge = 3600) => `next-auth.session-token=${await encode({ secret: SECRET, token: { uid, sv: 0, username: uid, role: "CLERK", regionCode: null, agencyId: null }, maxAge })}`;

describe("sessionToken", () => {
  it("decodes a session cookie and remembers it; another token is decoded for itself", async () => {
    const before = rememberedTokenCount();
    const a = await cookie("user-a");
    expect(await sessionToken(cookiesOfHeader(`other=1; ${a}`))).toMatchObject({ uid: "user-a" });
    expect(rememberedTokenCount()).toBe(before + 1);
    expect(await sessionToken(cookiesOfHeader(a))).toMatchObject({ uid: "user-a" });
    expect(rememberedTokenCount()).toBe(before + 1);
    expect(await sessionToken(cookiesOfHeader(await cookie("user-b")))).toMatchObject({ uid: "user-b" });
  });

  it("refuses a remembered token once it has expired", async () => {
    const c = await cookie("user-c", 60);
    expect(await sessionToken(cookiesOfHeader(c))).toMatchObject({ uid: "user-c" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60_000 + 16_000);
    expect(await sessionToken(cookiesOfHeader(c))).toBeNull();
  });

  it("refuses no cookie, a tampered token and one sealed with another secret", async () => {
    expect(await sessionToken(cookiesOfHeader(null))).toBeNull();
    const c = await cookie("user-d");
    expect(await sessionToken(cookiesOfHeader(c.slice(0, -4) + "AAAA"))).toBeNull();
    const foreign = await encode({ secret: "another-secret-0123456789abcdef0123", token: { uid: "x", sv: 0, username: "x", role: "CLERK", regionCode: null, agencyId: null } });
    expect(await sessionToken(cookiesOfHeader(`next-auth.session-token=${foreign}`))).toBeNull();
  });

  it("is one store per process, whichever copy of the module asks (Next gives each route and instrumentation.ts its own)", async () => {
    const c = await cookie("user-e");
    vi.resetModules();
    const page = await import("@/lib/auth/session-token");
    vi.resetModules();
    const save = await import("@/lib/auth/session-token");
    expect(save).not.toBe(page);
    const before = save.rememberedTokenCount();
    expect(await page.sessionToken(page.cookiesOfHeader(c))).toMatchObject({ uid: "user-e" });
    // the other copy holds it already: it is not decrypted again
    expect(save.rememberedTokenCount()).toBe(before + 1);
  });
});
