import type { CurrentUser } from "@/lib/auth/guard";
import { regionPath } from "../regions/ensure-region";

/** What scope needs to know of a report's agency. */
export interface AgencyScopeFacts {
  id: string;
  region: { path: string };
}

/**
 * Whether the user's scope covers the agency: an administrator everything, a reviewer the
 * region subtree, a clerk the own agency. Out of scope means "does not exist" to the caller (404).
 */
export function agencyInScope(user: Pick<CurrentUser, "role" | "regionCode" | "agencyId">, agency: AgencyScopeFacts): boolean {
  switch (user.role) {
    case "ADMIN":
      return true;
    case "REVIEWER":
      return Boolean(user.regionCode) && agency.region.path.startsWith(regionPath(user.regionCode!));
    case "CLERK":
      return Boolean(user.agencyId) && agency.id === user.agencyId;
  }
}

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
