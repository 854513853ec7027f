import "server-only";
// The one rate limit for sign-in and for every write (server actions, POST/PUT/PATCH/DELETE
// route handlers), by client address and by account, counted in PostgreSQL
// (rate-limit-store.ts) so it holds across app instances.
//
// In a route handler (one line):
//   const limited = await rateLimitResponse("write", { user }); if (limited) return limited;
// In a server action (one line, then return the message the form shows):
//   const limited = await rateLimitMessage("write", { user }); if (limited) return { ok: false, error: limited };
// Or, where throwing suits (caught by app/error.tsx, which shows the message):
//   await enforceRateLimit("write", { user });
import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { clientAddressFrom } from "./client-address";
import { consumeRateLimit, type RateLimitRule } from "./rate-limit-store";

export type RateLimitKind = "sign-in" | "write";

/** Per kind: a limit for the client address and one for the account (user id or username). */
export const RATE_LIMITS: Record<RateLimitKind, { address: RateLimitRule; account: RateLimitRule }> = {
  // a person typing never comes near these; a script does
  "sign-in": { address: { limit: 120, windowSeconds: 60 }, account: { limit: 10, windowSeconds: 60 } },
  // an office behind one address shares the address limit, so it is generous
  write: { address: { limit: 300, windowSeconds: 60 }, account: { limit: 120, windowSeconds: 60 } },
};

export const RATE_LIMIT_MESSAGE = "操作过于频繁，请稍后再试。";

export class RateLimitError extends Error {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`${RATE_LIMIT_MESSAGE}（约 ${retryAfterSeconds} 秒后可重试）`);
    this.name = "RateLimitError";
  }
}

export interface RateLimitSubject {
  /** the signed-in user, when there is one */
  user?: { id: string } | null;
  /** for sign-in: the username being tried (counted whether it exists or not) */
  username?: string | null;
  /** the client address; read from the current request's headers when omitted */
  address?: string | null;
}

/** Counts this request; throws RateLimitError (429, Chinese message) when over a limit. */
export async function enforceRateLimit(kind: RateLimitKind, subject: RateLimitSubject = {}): Promise<void> {
  const address = subject.address ?? clientAddressFrom(await headers());
  const rules = RATE_LIMITS[kind];
  const checks = [{ key: `${kind}:addr:${address}`, rule: rules.address }];
  if (subject.user?.id) checks.push({ key: `${kind}:user:${subject.user.id}`, rule: rules.account });
  else if (subject.username) checks.push({ key: `${kind}:name:${subject.username.trim().toLowerCase().slice(0, 100)}`, rule: rules.account });
  const hit = await consumeRateLimit(db, checks);
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

/** The 429 answer for a route handler. */
export function tooManyRequests(e: RateLimitError): NextResponse {
  return NextResponse.json({ error: e.message }, { status: 429, headers: { "Retry-After": String(e.retryAfterSeconds) } });
}

/** For route handlers: null when allowed, else the 429 response to return. */
export async function rateLimitResponse(kind: RateLimitKind, subject: RateLimitSubject = {}): Promise<NextResponse | null> {
  try {
    await enforceRateLimit(kind, subject);
    return null;
  } catch (e) {
    if (e instanceof RateLimitError) return tooManyRequests(e);
    throw e;
  }
}
