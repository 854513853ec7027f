import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/server/db";
import { authOptions } from "./options";
import type { RoleName } from "./roles";

/** The signed-in user as the database knows them now (role, scope, active), not as the token remembers. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: RoleName;
  regionCode: string | null;
  agencyId: string | null;
}

/**
 * Reads the session and re-loads its user, once per request. A deactivated or deleted
 * account, or one whose role changed, loses access at once even with a valid token.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, username: true, displayName: true, role: true, regionCode: true, agencyId: true, active: true, sessionVersion: true },
  });
  // a revoked session (sign-out, password, role or (de)activation: revoke-sessions.ts) is refused
  if (!user || !user.active || user.role !== session.user.role || user.sessionVersion !== session.user.sessionVersion) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as RoleName,
    regionCode: user.regionCode,
    agencyId: user.agencyId,
  };
});

/** For pages: signed-in users of the given roles pass; others go to sign-in or see 无权访问. */
export async function requireUser(roles: RoleName[], callbackPath: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!roles.includes(user.role)) redirect("/forbidden");
  return user;
}

export class AccessDeniedError extends Error {
  constructor(
    readonly status: 401 | 403,
    message = status === 401 ? "请先登录。" : "无权执行此操作。",
  ) {
    super(message);
  }
}

/** For server actions and route handlers: throws AccessDeniedError instead of redirecting. */
export async function authorize(roles: RoleName[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AccessDeniedError(401);
  if (!roles.includes(user.role)) throw new AccessDeniedError(403);
  return user;
}
