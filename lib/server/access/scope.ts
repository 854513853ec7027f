import type { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/guard";
import { regionPath } from "../regions/ensure-region";

/**
 * The agencies a user may see: all for an administrator, the region's subtree for a
 * reviewer, the own agency for a clerk. Every data read for a signed-in page goes through this.
 */
export function agenciesInScope(user: Pick<CurrentUser, "role" | "regionCode" | "agencyId">): Prisma.AgencyWhereInput {
  switch (user.role) {
    case "ADMIN":
      return {};
    case "REVIEWER":
      return user.regionCode ? { region: { path: { startsWith: regionPath(user.regionCode) } } } : { id: { in: [] } };
    case "CLERK":
      return user.agencyId ? { id: user.agencyId } : { id: { in: [] } };
  }
}
