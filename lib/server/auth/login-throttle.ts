// Sign-in throttling that slows an attacker without locking the owner out.
//
// Failures are counted per (username, client address) and per client address across all
// usernames — never per account alone, so failures from one address never stop the owner
// signing in from another. Each key allows a few free attempts; after that it waits a delay
// that doubles with every further failure (capped). An attempt is *reserved* (counted) before
// the password is checked, in one atomic upsert that also refuses a key still waiting: 20
// concurrent attempts check at most FREE passwords, never 18.
import type { Db } from "../prisma";

export interface ThrottleRule {
  freeAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const PAIR_RULE: ThrottleRule = { freeAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
export const ADDRESS_RULE: ThrottleRule = { freeAttempts: 30, baseDelaySeconds: 60, maxDelaySeconds: 60 * 60 };
/** a key idle this long starts again from zero */
const FORGET_AFTER_SECONDS = 24 * 60 * 60;

type SqlDb = Pick<Db, "$queryRaw" | "$executeRaw">;

export function pairKey(username: string, address: string) {
  return `pair:${address}:${username.trim().toLowerCase().slice(0, 100)}`;
}
export function addressKey(address: string) {
  return `addr:${address}`;
}

/** Seconds a key with `failures` failures must wait after its last one (0 = may try now). */
export function delaySeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeAttempts) return 0;
  return Math.min(rule.maxDelaySeconds, rule.baseDelaySeconds * 2 ** (failures - rule.freeAttempts));
}

/** Counts one attempt on `key` unless the key is still waiting; true when the attempt may go ahead. */
export async function reserveAttempt(db: SqlDb, key: string, rule: ThrottleRule, now: Date): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ failures: number }>>`
    INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."lastFailureAt" < ${now}::timestamp - make_interval(secs => ${FORGET_AFTER_SECONDS})
                        THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "lastFailureAt" = ${now}
    WHERE NOT (
      "LoginThrottle"."failures" >= ${rule.freeAttempts}
      AND "LoginThrottle"."lastFailureAt" + make_interval(secs => LEAST(${rule.maxDelaySeconds}::float8,
            ${rule.baseDelaySeconds}::float8 * power(2::float8, ("LoginThrottle"."failures" - ${rule.freeAttempts})::float8))) > ${now}::timestamp
    )
    RETURNING "failures"`;
  return rows.length > 0;
}

/** Gives back an attempt that turned out not to be a failure (or was refused elsewhere). */
export async function releaseAttempt(db: SqlDb, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`;
}

/** After a successful sign-in the (username, address) pair starts again from zero. */
export async function clearPair(db: SqlDb, key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "key" = ${key}`;
}
