import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/server/db";
import { sqlRows } from "@/lib/server/sql";
import { AccessDeniedError } from "./access-denied";
import type { RoleName } from "./roles";
import { sessionToken, type CookieSource } from "./session-token";

/** The signed-in user as the database knows them now (role, scope, active), not as the token remembers. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: RoleName;
  regionCode: string | null;
  agencyId: string | null;
  /** set after an administrator's reset: nothing but the password change is allowed until cleared */
  mustChangePassword: boolean;
}

/** Where a user who must choose a new password is sent (the one page, with sign-out, still open to them). */
export const PASSWORD_CHANGE_PATH = "/account/password";

/**
 * Reads the session and re-loads its user, once per request. A deactivated or deleted
 * account, or one whose role changed, loses access at once even with a valid token.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => sessionUser(await cookies()));

/**
 * The user of the session cookie among these cookies (getCurrentUser's work, for code that has
 * the request's cookies without Next's request context: the draft save in front of Next,
 * lib/server/reports/draft-save-request.ts).
 */
export async function sessionUser(cookieSource: CookieSource): Promise<CurrentUser | null> {
  // The session cookie, decrypted and its expiry checked as proxy.ts's gate (next-auth's
  // middleware) does: getServerSession would also run next-auth's session endpoint, re-encrypt
  // the token only to drop it (App Router code cannot set it) and look the user up a second
  // time in the jwt callback; this lookup is the one that decides. Cookies only, no
  // Authorization header. The decryption is remembered per token (./session-token.ts).
  const token = await sessionToken(cookieSource);
  const id = typeof token?.uid === "string" ? token.uid : null;
  if (!token || !id) return null;
  // plain SQL (lib/server/sql.ts): read on every signed-in request
  const [user] = await sqlRows<SessionUserRow>(db, `SELECT ${SESSION_USER_COLUMNS} FROM "User" WHERE "id" = $1`, [id], "session-user");
  return sessionUserOf(user, token);
}

/** The columns of "User" that decide a session (sessionUserOf), as SQL. */
export const SESSION_USER_COLUMNS = `"id", "username", "displayName", "role"::text AS "role", "regionCode", "agencyId", "active", "mustChangePassword", "sessionVersion"`;

export interface SessionUserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  regionCode: string | null;
  agencyId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  sessionVersion: number;
}

/** The token's user as its row has it now, or null when the session no longer counts. */
export function sessionUserOf(user: SessionUserRow | undefined, token: { role?: unknown; sv?: unknown }): CurrentUser | null {
  // a revoked session (sign-out, password, role or (de)activation: revoke-sessions.ts) is refused
  if (!user || !user.active || user.role !== token.role || user.sessionVersion !== token.sv) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as RoleName,
    regionCode: user.regionCode,
    agencyId: user.agencyId,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * For pages: signed-in users of the given roles pass; others go to sign-in or see 无权访问.
 * A user who must change their password is sent to the password page from every other page
 * (`passwordChangePage` is set by that page alone).
 */
export async function requireUser(
  roles: RoleName[],
  callbackPath: string,
  { passwordChangePage = false }: { passwordChangePage?: boolean } = {},
): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (user.mustChangePassword && !passwordChangePage) redirect(PASSWORD_CHANGE_PATH);
  if (!roles.includes(user.role)) redirect("/forbidden");
  return user;
}

// Kept in its own module so server operations (and their tests) can throw it without next-auth.
export { AccessDeniedError };

export const MUST_CHANGE_PASSWORD_MESSAGE = "请先修改密码。";

/**
 * For server actions and route handlers: throws AccessDeniedError instead of redirecting.
 * Only the password change itself (`passwordChange`) is allowed while a new password is due.
 */
export async function authorize(roles: RoleName[], { passwordChange = false }: { passwordChange?: boolean } = {}): Promise<CurrentUser> {
  return admit(await getCurrentUser(), roles, { passwordChange });
}

/** authorize's checks on a user already read (null: no session): the user, or AccessDeniedError. */
export function admit(user: CurrentUser | null, roles: RoleName[], { passwordChange = false }: { passwordChange?: boolean } = {}): CurrentUser {
  if (!user) throw new AccessDeniedError(401);
  if (user.mustChangePassword && !passwordChange) throw new AccessDeniedError(403, MUST_CHANGE_PASSWORD_MESSAGE);
  if (!roles.includes(user.role)) throw new AccessDeniedError(403);
  return user;
}
