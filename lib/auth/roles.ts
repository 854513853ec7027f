// Shared by server and client: what each role is called and where it lands after sign-in.
export type RoleName = "ADMIN" | "REVIEWER" | "CLERK";

export const ROLE_LABELS: Record<RoleName, string> = {
  ADMIN: "系统管理员",
  REVIEWER: "审核人",
  CLERK: "填报人",
};

export const ROLE_HOME: Record<RoleName, string> = {
  ADMIN: "/admin",
  REVIEWER: "/review",
  CLERK: "/workspace",
};

/**
 * The one check for every post-sign-in and post-sign-out destination (no open redirect).
 * The value is parsed exactly as the browser will parse it — `new URL(value, origin)`, which
 * also strips tab, CR and LF (`/\t/evil.example` becomes `//evil.example`) and turns `\` into
 * `/` — and only a result on our own origin is kept, as a path. Sign-in and API paths are
 * refused (a signed-in user is never sent back to the form or to a JSON endpoint).
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string | null {
  if (!raw) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  // relative input must be a path: "workspace" or "?x" would silently resolve against the origin
  if (!/^(https?:\/\/|\/)/i.test(raw.trim())) return null;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" normalises to the path "//evil.example", which a browser reads as another host
  if (path.startsWith("//") || path.startsWith("/\\")) return null;
  if (path === "/login" || path.startsWith("/login?") || path.startsWith("/login/") || path.startsWith("/api/")) return null;
  return path;
}
