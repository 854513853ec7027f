import "server-only";
// The one rate limit for sign-in and for every write (server actions, POST/PUT/PATCH/DELETE
// route handlers), by client address and by account (rate-limit-rules.ts), counted in PostgreSQL
// (rate-limit-store.ts) so it holds across app instances.
//
// Server actions and route handlers written with defineAction/defineRoute (lib/actions/) are
// counted by the wrapper, which answers a RateLimitError as the one result shape with
// Retry-After; code outside them calls enforceRateLimit and does the same
// (lib/server/reports/draft-save-request.ts: refusalWithRetryAfter).
import { headers } from "next/headers";
import { db } from "@/lib/server/db";
import { clientAddressFrom } from "./client-address";
import { consumeRateLimit } from "./rate-limit-store";
import { rateLimitChecks, type RateLimitKind, type RateLimitSubject } from "./rate-limit-rules";

export { RATE_LIMITS, type RateLimitKind, type RateLimitSubject } from "./rate-limit-rules";

export const RATE_LIMIT_MESSAGE = "操作过于频繁，请稍后再试。";

export class RateLimitError extends Error {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`${RATE_LIMIT_MESSAGE}（约 ${retryAfterSeconds} 秒后可重试）`);
    this.name = "RateLimitError";
  }
}

/** Counts this request; throws RateLimitError (429, Chinese message) when over a limit. */
export async function enforceRateLimit(kind: RateLimitKind, subject: RateLimitSubject = {}): Promise<void> {
  const address = subject.address ?? clientAddressFrom(await headers());
  const hit = await consumeRateLimit(db, rateLimitChecks(kind, address, subject));
  if (hit) throw new RateLimitError(hit.retryAfterSeconds);
}
