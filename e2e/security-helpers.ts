// Helpers for the security specs: accounts made directly in the e2e database (so tests that
// throttle or revoke never disturb the shared demo accounts), and sign-in over plain HTTP.
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { hashPassword, verifyPassword } from "../lib/server/auth/password-hash";

/**
 * The worker's connections to the e2e database, kept between calls: the authorization matrix
 * alone asks a few thousand times (a reset and two snapshots per case and actor), and a new
 * connection each time was a PostgreSQL backend started and ended each time.
 */
let pool: pg.Pool | null = null;

export async function withDb<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  pool ??= new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 4, idleTimeoutMillis: 5_000, allowExitOnIdle: true });
  const c = await pool.connect();
  let failure: Error | undefined;
  try {
    return await fn(c);
  } catch (e) {
    // a connection left inside a failed transaction is closed, not handed to the next caller
    failure = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    c.release(failure);
  }
}

/**
 * Creates (or resets) an account; returns its id. An account that is already as asked is left
 * alone: a database trigger ends every session of an account whose password hash, role, scope
 * or state changes, and a fresh hash always differs, so rewriting it would sign out
 * whoever uses it (e.g. the matrix's accounts, signed in by each Playwright worker). Calls for
 * the same username run one at a time (an advisory lock), for the same reason.
 */
export async function ensureUser(u: { username: string; password: string; role: "ADMIN" | "REVIEWER" | "CLERK"; regionCode?: string | null; agencyCode?: string | null }) {
  return withDb(async (c) => {
    await c.query("BEGIN");
    try {
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`e2e-user:${u.username}`]);
      if (u.regionCode === "640121") {
        await c.query(
          `INSERT INTO "Region" (code, name, level, "parentCode", path, "updatedAt") VALUES ('640121', '永宁县', 'COUNTY', '640100', '640000/640100/640121/', now()) ON CONFLICT (code) DO NOTHING`,
        );
      }
      const agencyId: string | null = u.agencyCode ? ((await c.query(`SELECT id FROM "Agency" WHERE code = $1`, [u.agencyCode])).rows[0]?.id ?? null) : null;
      const existing = (await c.query(`SELECT id, "passwordHash", role, "regionCode", "agencyId", active FROM "User" WHERE username = $1`, [u.username])).rows[0];
      const unchanged =
        existing &&
        existing.active &&
        existing.role === u.role &&
        (existing.regionCode ?? null) === (u.regionCode ?? null) &&
        (existing.agencyId ?? null) === agencyId &&
        // the app's own hash (argon2id): an older one would be replaced at the account's first
        // sign-in, and that change too ends the account's other sessions
        (await verifyPassword(u.password, existing.passwordHash).then((r) => r.ok && !r.needsRehash, () => false));
      let id: string;
      if (unchanged) id = existing.id;
      else {
        const hash = await hashPassword(u.password);
        const r = await c.query(
          `INSERT INTO "User" (id, username, "displayName", "passwordHash", role, "regionCode", "agencyId", active, "updatedAt")
           VALUES ('sec_' || md5(random()::text), $1, $1, $2, $3, $4, $5, true, now())
           ON CONFLICT (username) DO UPDATE SET "passwordHash" = $2, role = $3, "regionCode" = $4, "agencyId" = $5, active = true
           RETURNING id`,
          [u.username, hash, u.role, u.regionCode ?? null, agencyId],
        );
        id = r.rows[0].id;
      }
      await c.query("COMMIT");
      return id;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    }
  });
}

/** Signs in the way next-auth's client does (csrf token, then the credentials callback with json=true). */
export async function apiSignIn(request: APIRequestContext, base: string, username: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await (await request.get(`${base}/api/auth/csrf`, { headers })).json();
  return request.post(`${base}/api/auth/callback/credentials`, {
    headers,
    form: { username, password, csrfToken: csrf.csrfToken, json: "true", callbackUrl: `${base}/me` },
    maxRedirects: 0,
  });
}

export function uniqueName(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
