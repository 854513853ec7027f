import "server-only";
// A write's admission in one statement: the session's user (lib/auth/guard.ts sessionUser and
// admit) and the write's rate-limit count (./rate-limit.ts enforceRateLimit), for the draft save
// (lib/server/reports/draft-save-request.ts), which is made of little else: two round trips to
// PostgreSQL, each a wake-up of a backend and of the app's process, were a quarter of a save's
// path. The count is made only for a user the checks admit (as enforceRateLimit after admit):
// the condition is written in SQL beside the JS checks, and a user the JS admits whom the SQL did
// not count is counted by enforceRateLimit's own statement, so that no admitted write goes uncounted.
import { admit, SESSION_USER_COLUMNS, sessionUserOf, type CurrentUser, type SessionUserRow } from "@/lib/auth/guard";
import type { RoleName } from "@/lib/auth/roles";
import { sessionToken, type CookieSource } from "@/lib/auth/session-token";
import { AccessDeniedError } from "@/lib/auth/access-denied";
import { db } from "@/lib/server/db";
import { sqlRows } from "@/lib/server/sql";
import { RateLimitError } from "./rate-limit";
import { rateLimitChecks } from "./rate-limit-rules";
import { consumeRateLimit, countWindowsSql, firstOverLimit, forgetEndedWindowsNowAndThen, rateLimitWindows, windowParams } from "./rate-limit-store";

/**
 * The signed-in user of these cookies admitted to a write as one of `roles`, the write counted
 * against the limits of its address and account; throws AccessDeniedError (401, 403) or
 * RateLimitError (429) as authorize and enforceRateLimit do, in their order.
 */
export async function admitWriter(cookies: CookieSource, roles: RoleName[], address: string, now = new Date()): Promise<CurrentUser> {
  const token = await sessionToken(cookies);
  const id = typeof token?.uid === "string" ? token.uid : null;
  if (!token || !id) throw new AccessDeniedError(401);
  const windows = rateLimitWindows(rateLimitChecks("write", address, { user: { id } }), now);
  const [row] = await sqlRows<SessionUserRow & { counts: string | null }>(
    db,
    `WITH u AS (SELECT ${SESSION_USER_COLUMNS} FROM "User" WHERE "id" = $4),
     counted AS (${countWindowsSql(
       `EXISTS (SELECT 1 FROM u WHERE u."active" AND u."role" = $5 AND u."sessionVersion" = $6 AND NOT u."mustChangePassword" AND u."role" = ANY($7::text[]))`,
     )})
     SELECT u.*, (SELECT json_agg(json_build_array(c."key", c."count")) FROM counted c)::text AS "counts" FROM u`,
    [...windowParams(windows), id, typeof token.role === "string" ? token.role : null, typeof token.sv === "number" ? token.sv : null, roles],
    "admit-writer",
  );
  // sessionUser's and admit's checks, as for any write
  const user = admit(sessionUserOf(row, token), roles);
  const counts = row?.counts ? new Map((JSON.parse(row.counts) as [string, number][]).map(([k, n]) => [k, Number(n)])) : null;
  const hit = counts ? firstOverLimit(windows, counts, now) : await consumeRateLimit(db, windows, now);
  if (counts) forgetEndedWindowsNowAndThen(db, now);
  if (hit) throw new RateLimitError(hit.retryAfterSeconds);
  return user;
}
