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

/** Only same-site paths may be used as a post-login destination (no open redirect). */
export function safeCallbackPath(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let candidate = raw;
  try {
    // next-auth hands back absolute URLs; keep only the path of our own origin
    if (/^https?:\/\//i.test(raw)) candidate = new URL(raw).pathname + new URL(raw).search;
  } catch {
    return null;
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return null;
  if (candidate.startsWith("/login") || candidate.startsWith("/api/")) return null;
  return candidate;
}
