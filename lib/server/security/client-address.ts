// Which address a request comes from, for rate limits and sign-in throttling.
//
// `next start` copies the socket's address into X-Forwarded-For only when the request has no
// such header (next/dist/server/base-server.js: `x-forwarded-for ??= socket.remoteAddress`), so
// a client talking to Next directly could name any address it likes. Therefore:
// - TRUSTED_PROXY_HOPS=N (N ≥ 1: that many reverse proxies in front, each appending the address
//   it saw, e.g. nginx `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`): the
//   client is the N-th entry from the right; whatever the client wrote further left is ignored.
// - unset or 0 (no proxy): the app must be started through scripts/serve.ts or the Docker image,
//   whose preload (scripts/lib/trusted-client-address.cjs) overwrites X-Forwarded-For with the socket's
//   address before Next sees it, so a forged header buys nothing either way.

/** Environment variables (process.env, or a plain object in tests). */
export type Env = Record<string, string | undefined>;

export function trustedProxyHops(env: Env = process.env): number {
  const n = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

function normalizeAddress(raw: string): string | null {
  let a = raw.trim().replace(/^"|"$/g, "");
  if (!a) return null;
  // "[::1]:1234" / "1.2.3.4:5678" → without the port; "::ffff:1.2.3.4" → "1.2.3.4"
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracket) a = bracket[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.toLowerCase().replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/, "$1");
  if (!/^[0-9a-f.:]{2,45}$/.test(a)) return null;
  return a;
}

/** The client's address as a short string, or "unknown" when none can be told. */
export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined>, env: Env = process.env): string {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const entries = (get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const hops = trustedProxyHops(env);
  // with N proxies the client is N-th from the right; without, our own server wrote one entry
  const picked = hops > 0 ? entries[entries.length - hops] : entries[entries.length - 1];
  return (picked && normalizeAddress(picked)) || "unknown";
}

/** Whether the original request was https, believing X-Forwarded-Proto only from a trusted proxy. */
export function requestIsHttps(headers: Headers, env: Env = process.env): boolean {
  if (trustedProxyHops(env) > 0) {
    const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
    if (proto) return proto === "https";
  }
  return (env.NEXTAUTH_URL ?? "").startsWith("https://");
}
