// The request-rate limit on sign-in attempts, counted before next-auth reads the password
// (auth-route.ts). Kept apart from the route so that it can be tested with a database and a clock.
import type { Db } from "../prisma";
import { rateLimitChecks } from "../security/rate-limit-rules";
import { consumeRateLimit, type RateLimitHit } from "../security/rate-limit-store";

/**
 * Counts one sign-in attempt against the client address and against (username, address), and
 * returns the counter over its limit, or null. Never against the username alone: then eleven
 * wrong passwords a minute from anywhere would refuse the owner's right one everywhere.
 */
export function limitSignIn(db: Pick<Db, "$queryRawUnsafe">, attempt: { address: string; username: string | null }, now = new Date()): Promise<RateLimitHit | null> {
  return consumeRateLimit(db, rateLimitChecks("sign-in", attempt.address, { username: attempt.username }), now);
}
