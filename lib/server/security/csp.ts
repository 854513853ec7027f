// Security headers for every page (applied by proxy.ts), and why there are two policies.
//
// A per-request nonce is the strictest script policy, but Next can only put the nonce into
// HTML it renders for that request: a nonce makes a page dynamic, and a cached page's HTML
// (no nonce in it) would be blocked by a nonce policy. Issue 11 needs the published, public
// pages served from cache at near-static speed, so:
// - pages behind sign-in and the sign-in form itself (NONCE_PREFIXES: where a session cookie or a
//   password is worth stealing) are rendered per request anyway and get
//   `script-src 'nonce-…' 'strict-dynamic'`: only scripts Next rendered for this request run;
// - every other page — the public, cacheable ones (/, /reports, /regions, /agencies, /data,
//   /tools, 无权访问, 404) — gets one fixed policy with no nonce: scripts only from our own
//   origin plus Next's inline bootstrap ('unsafe-inline', which a per-request nonce would make
//   impossible to cache). They render only escaped content (react-markdown without raw HTML)
//   and carry no credentials, and the policy still forbids plugins, framing, a foreign <base>,
//   foreign form targets, and images from anywhere but this site (a narrative's
//   ![x](https://tracker.example/p.png) is not fetched).
// A page under NONCE_PREFIXES must be dynamic (e.g. `await connection()`), or its prerendered
// HTML would carry no nonce and its scripts would be blocked.
// Both policies share everything but script-src.

/** Pages that get a per-request nonce (and everything under them); all others get the fixed policy. */
export const NONCE_PREFIXES = ["/workspace", "/review", "/admin", "/account", "/login", "/me"] as const;

export function usesNonce(pathname: string): boolean {
  return NONCE_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

export function contentSecurityPolicy({ nonce, dev = process.env.NODE_ENV !== "production" }: { nonce?: string | null; dev?: boolean }): string {
  const eval_ = dev ? " 'unsafe-eval'" : ""; // React's dev tools need eval; never in production
  const script = nonce ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${eval_}` : `script-src 'self' 'unsafe-inline'${eval_}`;
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ].join("; ");
}

/** HSTS only when the page was reached over https (it would be meaningless and sticky otherwise). */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";
