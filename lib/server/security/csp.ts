// Security headers for every page (applied by proxy.ts), and why a page gets a nonce or hashes.
//
// No page's script policy allows 'unsafe-inline': the public pages show what clerks wrote, and
// an inline script injected there through some rendering bug must not run.
// - A page rendered for its request gets `script-src 'self' 'nonce-…' 'strict-dynamic'`: Next
//   puts the nonce from the request's CSP header on the scripts it renders, and only those run.
//   That is every page except the stored ones below: the signed-in areas, the sign-in form, the
//   search, /data, the tools, 无权访问 and the 404 of an unknown path (app/[...missing]) are all
//   rendered per request. A page Next prerendered instead would carry no nonce, and the route
//   cache's policy would be enforced beside this one: its scripts would be refused (fail closed).
// - A page served from Next's route cache (the routes whose CSP is "stored" in the table of
//   lib/server/cache/public-routes.ts, which proxy.ts rewrites to their twin paths) was rendered once for everybody, so no nonce
//   can be in it. Its inline scripts — Next's bootstrap and the RSC payload it pushes onto
//   `self.__next_f` — are fixed for that stored version, so the route cache handler hashes them
//   once when the page is stored (lib/server/cache/route-cache-handler.mjs) and keeps
//   `script-src 'self' 'sha256-…' …` with the page; Next sends it with every copy, and the
//   response cache in front of Next replays it. Only scripts of Next's own shapes are hashed
//   (./csp-policy.cjs): anything else inline in a stored page is refused by the browser.
// Both kinds share everything but script-src: no plugins, no framing, no foreign <base> or form
// targets, images only from this site (a narrative's ![x](https://tracker.example/p.png) is not
// fetched). Styles keep 'unsafe-inline' (./csp-policy.cjs says why).
import { buildPolicy } from "./csp-policy.cjs";

export { inlineScriptHashes, storedPagePolicy } from "./csp-policy.cjs";

/**
 * The signed-in areas and the sign-in form (and everything under them): where a session cookie
 * or a password is worth stealing. They are never served from the route cache; like every page
 * that is not, they get a per-request nonce.
 */
export const NONCE_PREFIXES = ["/workspace", "/review", "/admin", "/account", "/login", "/me"] as const;

export function usesNonce(pathname: string): boolean {
  return NONCE_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

/** The policy with a nonce, or with the given script hashes ('sha256-…'); 'self' alone with neither. */
export function contentSecurityPolicy({
  nonce,
  hashes,
  dev = process.env.NODE_ENV !== "production",
}: {
  nonce?: string | null;
  hashes?: readonly string[];
  dev?: boolean;
}): string {
  return buildPolicy({ nonce, hashes, dev });
}

/** HSTS only when the page was reached over https (it would be meaningless and sticky otherwise). */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";
