// The session cookie's token, decrypted once per process and then remembered for its lifetime.
// Decrypting it (next-auth's JWE: an HKDF key derivation and AES-GCM) cost every request
// about a millisecond of CPU; a save does little else. Only the decryption is remembered:
// whether the session still counts (sign-out, password, role or (de)activation bump the user's
// sessionVersion: lib/server/users/revoke-sessions.ts) is still decided per request by the
// user's row (lib/auth/guard.ts), so remembering changes nothing about who is let in.
import { getToken, type JWT } from "next-auth/jwt";
import { Lru } from "@/lib/server/cache/lru.cjs";
import { processWide } from "@/lib/process-wide";

/** Tokens remembered per process: a session token is about 500 bytes, so this bounds it near 2.5 MB. */
const MAX_TOKENS = 5000;
/** next-auth's decode accepts a token up to 15 s past its expiry (jose's clockTolerance): the same here. */
const CLOCK_TOLERANCE_SECONDS = 15;

// one store per process: with one per copy of this module, a clerk's first save (in front of
// Next) decrypted the token the editor's page had just decrypted
const remembered = processWide("sessionTokens", () => new Lru<JWT>({ maxSize: MAX_TOKENS }));

export type CookieSource = { getAll(): { name: string; value: string }[] };
type TokenRequest = Parameters<typeof getToken>[0]["req"];

function stillValid(token: JWT, nowSeconds: number): boolean {
  const exp = typeof token.exp === "number" ? token.exp : null;
  return exp !== null && nowSeconds - CLOCK_TOLERANCE_SECONDS < exp;
}

/**
 * The decoded session token of these cookies (next-auth's cookie name and chunking, as
 * getToken reads them), or null. Cookies only, no Authorization header.
 */
export async function sessionToken(cookies: CookieSource): Promise<JWT | null> {
  const req = { cookies, headers: {} } as unknown as TokenRequest;
  const raw = (await getToken({ req, raw: true })) as unknown as string | null;
  if (!raw) return null;
  const now = Math.floor(Date.now() / 1000);
  const hit = remembered.get(raw);
  if (hit) {
    if (stillValid(hit, now)) return hit;
    remembered.delete(raw);
    return null;
  }
  const token = await getToken({ req });
  // a token without an expiry is decoded every time rather than remembered forever
  if (!token || !stillValid(token, now)) return token && typeof token.exp !== "number" ? token : null;
  remembered.set(raw, token);
  return token;
}

/** The cookies of a raw `Cookie` header, as `sessionToken` reads them (route handlers given a Request). */
export function cookiesOfHeader(header: string | null): CookieSource {
  const all: { name: string; value: string }[] = [];
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    let value = part.slice(i + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as sent
    }
    if (name) all.push({ name, value });
  }
  return { getAll: () => all };
}

/** For tests: how many tokens are remembered. */
export function rememberedTokenCount(): number {
  return remembered.size;
}
