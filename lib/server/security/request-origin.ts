import "server-only";
import { headers } from "next/headers";
import { type Env, trustedProxyHops } from "./client-address";

/**
 * The origin the user is browsing (so sign-out from 127.0.0.1:3100 stays on 127.0.0.1:3100,
 * not NEXTAUTH_URL's localhost). The Host header is what the browser connected to; the scheme
 * is NEXTAUTH_URL's when the host is NEXTAUTH_URL's, X-Forwarded-Proto only from a trusted
 * proxy (TRUSTED_PROXY_HOPS), else http (next start itself speaks plain http).
 * Null outside a request.
 */
export async function requestOrigin(env: Env = process.env): Promise<string | null> {
  let h: Headers;
  try {
    h = await headers();
  } catch {
    return null;
  }
  const behindProxy = trustedProxyHops(env) > 0;
  const host = ((behindProxy && h.get("x-forwarded-host")?.split(",")[0]?.trim()) || h.get("host") || "").toLowerCase();
  if (!/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(host)) return null;
  const configured = env.NEXTAUTH_URL ? safeUrl(env.NEXTAUTH_URL) : null;
  if (configured && configured.host === host) return configured.origin;
  const proto = behindProxy ? h.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() : null;
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
