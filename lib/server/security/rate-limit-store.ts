// Fixed-window request counters kept in PostgreSQL, so a limit holds across every app instance
// behind a load balancer. One atomic upsert per key: concurrent requests can never both see
// "one left" (no read-then-write).
import type { Db } from "../prisma";

export interface RateLimitRule {
  /** requests allowed per window */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitHit {
  key: string;
  count: number;
  limit: number;
  /** seconds until the window that refused the request ends */
  retryAfterSeconds: number;
}

type SqlDb = Pick<Db, "$queryRaw" | "$executeRaw">;

/**
 * Counts one request against each key (in order) and returns the first key over its limit,
 * or null when every key is within its limit.
 */
export async function consumeRateLimit(db: SqlDb, checks: Array<{ key: string; rule: RateLimitRule }>, now = new Date()): Promise<RateLimitHit | null> {
  let hit: RateLimitHit | null = null;
  for (const { key, rule } of checks) {
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const expiresAt = new Date(windowStart.getTime() + windowMs);
    const rows = await db.$queryRaw<Array<{ count: number }>>`
      INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
      VALUES (${key}, ${windowStart}, 1, ${expiresAt})
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
      RETURNING "count"`;
    const count = Number(rows[0]?.count ?? 0);
    if (count > rule.limit && !hit) {
      hit = { key, count, limit: rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)) };
    }
  }
  // now and then, forget windows that have ended (any instance may do it; it is idempotent)
  if (Math.random() < 0.01) await db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "expiresAt" < ${now}`;
  return hit;
}
