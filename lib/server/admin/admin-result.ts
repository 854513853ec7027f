import { AccessDeniedError } from "@/lib/auth/access-denied";
import type { CurrentUser } from "@/lib/auth/guard";

type JsonScalar = string | number | boolean | null;

/** What an administration operation (and its server action) returns: never a stack trace. */
export type AdminResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429 | 500; message: string; fieldErrors?: Record<string, string> };

export type Actor = Pick<CurrentUser, "id" | "role">;

/** Every administration operation checks this itself, whoever called it. */
export function assertAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new AccessDeniedError(403);
}

export function refused(status: 400 | 404 | 409, message: string, fieldErrors?: Record<string, string>) {
  return { ok: false as const, status, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** For the audit trail: `{ field: [old, new] }` for each field whose value changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [JsonScalar, JsonScalar]> {
  const out: Record<string, [JsonScalar, JsonScalar]> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const a = before[key] instanceof Date ? (before[key] as Date).toISOString().slice(0, 10) : before[key];
    const b = after[key] instanceof Date ? (after[key] as Date).toISOString().slice(0, 10) : after[key];
    if (a !== b) out[key] = [(a ?? null) as JsonScalar, (b ?? null) as JsonScalar];
  }
  return out;
}
