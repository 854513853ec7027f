import type { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/guard";
import { regionPath } from "../regions/ensure-region";

type ScopeUser = Pick<CurrentUser, "role" | "regionCode" | "agencyId">;

/**
 * The scope rule, stated once: an administrator sees every agency, a reviewer the agencies
 * of the region's subtree (Region.path begins with the region's path), a clerk the own
 * agency; a reviewer without a region or a clerk without an agency sees nothing. Every
 * check below is this rule seen from one side (a Prisma filter, one agency, a SQL prefix).
 */
export type Scope = { kind: "all" } | { kind: "region"; pathPrefix: string } | { kind: "agency"; agencyId: string } | { kind: "none" };

export function scopeOf(user: ScopeUser): Scope {
  switch (user.role) {
    case "ADMIN":
      return { kind: "all" };
    case "REVIEWER":
      return user.regionCode ? { kind: "region", pathPrefix: regionPath(user.regionCode) } : { kind: "none" };
    case "CLERK":
      return user.agencyId ? { kind: "agency", agencyId: user.agencyId } : { kind: "none" };
  }
}

/** The agencies a user may see, as a Prisma filter. Every data read for a signed-in page goes through this. */
export function agenciesInScope(user: ScopeUser): Prisma.AgencyWhereInput {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case "all":
      return {};
    case "region":
      return { region: { path: { startsWith: scope.pathPrefix } } };
    case "agency":
      return { id: scope.agencyId };
    case "none":
      return { id: { in: [] } };
  }
}

/** What scope needs to know of a report's agency. */
export interface AgencyScopeFacts {
  id: string;
  region: { path: string };
}

/** Whether the user's scope covers the agency. Out of scope means "does not exist" to the caller (404). */
export function agencyInScope(user: ScopeUser, agency: AgencyScopeFacts): boolean {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case "all":
      return true;
    case "region":
      return agency.region.path.startsWith(scope.pathPrefix);
    case "agency":
      return agency.id === scope.agencyId;
    case "none":
      return false;
  }
}

/**
 * The scope over Region.path for the reads that list a whole area in SQL (the review
 * dashboard): "" (everything) for an administrator, the region's path for a reviewer, null
 * for a clerk or a user with no scope (they have no area to list).
 */
export function regionScopePrefix(user: ScopeUser): string | null {
  const scope = scopeOf(user);
  return scope.kind === "all" ? "" : scope.kind === "region" ? scope.pathPrefix : null;
}
