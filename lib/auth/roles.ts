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
 * Only paths of this site may be a post-login destination (no open redirect). next-auth
 * hands back absolute URLs, so an absolute URL is accepted only on our own `origin`.
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string | null {
  if (!raw) return null;
  let candidate = raw;
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
    try {
      const url = new URL(raw);
      if (url.origin !== origin) return null;
      candidate = url.pathname + url.search;
    } catch {
      return null;
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return null;
  if (candidate.startsWith("/login") || candidate.startsWith("/api/")) return null;
  return candidate;
}
