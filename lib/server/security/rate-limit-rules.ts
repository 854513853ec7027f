// The rate-limit rules and the keys they count, apart from rate-limit.ts (which reads the
// request's headers and is server-only) so that tests can use them with a database and a clock.
import type { RateLimitRule } from "./rate-limit-store";

export type RateLimitKind = "sign-in" | "write";

/** Per kind: a limit for the client address and one for the account. */
export const RATE_LIMITS: Record<RateLimitKind, { address: RateLimitRule; account: RateLimitRule }> = {
  // a person typing never comes near these; a script does. For sign-in the "account" limit
  // counts one username *from one address*: counted for the username alone, anyone could keep
  // any account refused everywhere by sending wrong passwords 
  "sign-in": { address: { limit: 120, windowSeconds: 60 }, account: { limit: 10, windowSeconds: 60 } },
  // an office behind one address shares the address limit, so it is generous
  write: { address: { limit: 300, windowSeconds: 60 }, account: { limit: 120, windowSeconds: 60 } },
};

export interface RateLimitSubject {
  /** the signed-in user, when there is one */
  user?: { id: string } | null;
  /** for sign-in: the username being tried (counted whether it exists or not) */
  username?: string | null;
  /** the client address; read from the current request's headers when omitted */
  address?: string | null;
}

/** The counters one request is counted against: the address, and the account (for sign-in: the username at this address). */
export function rateLimitChecks(kind: RateLimitKind, address: string, subject: Pick<RateLimitSubject, "user" | "username">) {
  const rules = RATE_LIMITS[kind];
  const checks = [{ key: `${kind}:addr:${address}`, rule: rules.address }];
  if (subject.user?.id) checks.push({ key: `${kind}:user:${subject.user.id}`, rule: rules.account });
  else if (subject.username) {
    // never the username alone: other addresses' traffic must not refuse this one
    checks.push({ key: `${kind}:name:${address}:${subject.username.trim().toLowerCase().slice(0, 100)}`, rule: rules.account });
  }
  return checks;
}
