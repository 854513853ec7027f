import type { CurrentUser } from "@/lib/auth/guard";

export const AGENCY_INACTIVE_MESSAGE = "所属单位已停用，不能新建、修改或提交报告。如需继续填报，请联系系统管理员启用该单位。";

/**
 * Whether the user may write to this agency's reports, beyond scope: a clerk only while the
 * agency is active (reading stays allowed). Null when allowed, else the message. Every clerk
 * write — create, save (and so import, which saves), submit, resolving a comment — asks this of
 * the agency row it has just read, so a deactivation holds from the next request on.
 */
export function clerkWriteRefusal(user: Pick<CurrentUser, "role">, agency: { active: boolean }): string | null {
  return user.role === "CLERK" && !agency.active ? AGENCY_INACTIVE_MESSAGE : null;
}
