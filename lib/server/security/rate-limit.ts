import "server-only";
// The one rate limit for sign-in and for every write (server actions, POST/PUT/PATCH/DELETE
// route handlers), by client address and by account (rate-limit-rules.ts), counted in PostgreSQL
// (rate-limit-store.ts) so it holds across app instances.
//
// In a route handler (one line):
//   const limited = await rateLimitResponse("write", { user }); if (limited) return limited;
// (the answer is the one result shape, lib/actions/result.ts: { ok: false, status: 429, message },
// with Retry-After). Server actions and routes written with defineAction/defineRoute are counted
// by the wrapper itself. Elsewhere, for the message alone:
//   const limited = await rateLimitMessage("write", { user }); if (limited) return refusal(429, limited);
// Or, where throwing suits (caught by app/error.tsx, which shows the message):
//   await enforceRateLimit("write", { user });
import { headers } from "next/headers";
import { refusal } from "@/lib/actions/result";
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

/** For server actions: null when allowed, else the message to show. */
export async function rateLimitMessage(kind: RateLimitKind, subject: RateLimitSubject = {}): Promise<string | null> {
  try {
    await enforceRateLimit(kind, subject);
    return null;
  } catch (e) {
    if (e instanceof RateLimitError) return e.message;
    throw e;
  }
}

/** The 429 answer for a route handler: the one result shape, and when to try again. */
export function tooManyRequests(e: RateLimitError): Response {
  return Response.json(refusal(429, e.message), { status: 429, headers: { "Retry-After": String(e.retryAfterSeconds), "Cache-Control": "no-store" } });
}

/** For route handlers: null when allowed, else the 429 response to return. */
export async function rateLimitResponse(kind: RateLimitKind, subject: RateLimitSubject = {}): Promise<Response | null> {
  try {
    await enforceRateLimit(kind, subject);
    return null;
  } catch (e) {
    if (e instanceof RateLimitError) return tooManyRequests(e);
    throw e;
  }
}
