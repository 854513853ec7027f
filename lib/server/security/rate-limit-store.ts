// Fixed-window request counters kept in PostgreSQL, so a limit holds across every app instance
// behind a load balancer. One atomic upsert per key: concurrent requests can never both see
// "one left" (no read-then-write).
import type { Db } from "../prisma";
import { sqlRows } from "../sql";

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

type SqlDb = Pick<Db, "$queryRawUnsafe">;

export interface RateLimitWindow {
  key: string;
  rule: RateLimitRule;
  windowStart: Date;
  expiresAt: Date;
}

/** The window each key is counted in at `now`. */
export function rateLimitWindows(checks: Array<{ key: string; rule: RateLimitRule }>, now: Date): RateLimitWindow[] {
  return checks.map(({ key, rule }) => {
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    return { key, rule, windowStart, expiresAt: new Date(windowStart.getTime() + windowMs) };
  });
}

/** The windows as COUNT_WINDOWS_SQL's $1, $2, $3. */
export const windowParams = (windows: RateLimitWindow[]) => [
  windows.map((w) => w.key),
  windows.map((w) => w.windowStart.toISOString()),
  windows.map((w) => w.expiresAt.toISOString()),
];

/**
 * Counts one request in each window ($1 keys, $2 window starts, $3 ends), returning "key" and
 * "count"; `only` (SQL) limits it to when a condition holds. Every key in one statement (a round
 * trip per key was a millisecond of each write's time); the keys of one request are distinct, so
 * no row is affected twice. Its commit does not wait for the WAL to reach the disk
 * (synchronous_commit off for this one transaction: set_config's `true`, never the pooled
 * connection's setting): a counter lost in a crash costs nothing, and every write counted here
 * otherwise waited for two flushes, this one and its own (under the bench's twenty saving
 * clerks, the save's wait on WALSync).
 */
export const countWindowsSql = (only = "TRUE") => `
  INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
  SELECT k, s::timestamptz AT TIME ZONE 'UTC', 1, e::timestamptz AT TIME ZONE 'UTC'
    FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, s, e), (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed
   WHERE ${only}
  ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
  RETURNING "key", "count"`;

/** The first window over its limit given the counts just made, or null. */
export function firstOverLimit(windows: RateLimitWindow[], counts: ReadonlyMap<string, number>, now: Date): RateLimitHit | null {
  for (const { key, rule, expiresAt } of windows) {
    const count = counts.get(key) ?? 0;
    if (count > rule.limit) return { key, count, limit: rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)) };
  }
  return null;
}

/**
 * Now and then, forgets windows that have ended (any instance may do it; it is idempotent). The
 * request does not wait for it: under the bench's saves the delete took 20–50 ms, added to the
 * write that drew it.
 */
export function forgetEndedWindowsNowAndThen(db: SqlDb, now: Date) {
  if (Math.random() >= 0.01) return;
  sqlRows(db, `DELETE FROM "RateLimitBucket" WHERE "expiresAt" < $1::timestamptz AT TIME ZONE 'UTC'`, [now.toISOString()]).catch((e: Error) =>
    console.error("[rate-limit] 清理过期计数失败：", e.message),
  );
}

/**
 * Counts one request against each key (in order) and returns the first key over its limit,
 * or null when every key is within its limit.
 */
export async function consumeRateLimit(db: SqlDb, checks: Array<{ key: string; rule: RateLimitRule }>, now = new Date()): Promise<RateLimitHit | null> {
  const windows = rateLimitWindows(checks, now);
  const rows = windows.length ? await sqlRows<{ key: string; count: number }>(db, countWindowsSql(), windowParams(windows), "rate-limit-consume") : [];
  const hit = firstOverLimit(windows, new Map(rows.map((r) => [r.key, Number(r.count)])), now);
  forgetEndedWindowsNowAndThen(db, now);
  return hit;
}
