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
