import "server-only";
import { revalidatePath } from "next/cache";
import { AccessDeniedError, authorize, type CurrentUser } from "@/lib/auth/guard";
import type { RoleName } from "@/lib/auth/roles";
import { forgetPublicRefs } from "../cache/published-ref";
import { db } from "../db";
import { rateLimitMessage } from "../security/rate-limit";
import type { Db } from "../prisma";
import type { AdminResult } from "./admin-result";

/**
 * The body of every administration server action: the session and role are checked on the
 * server first (before the input is even looked at), then the operation runs. A refusal is a
 * typed result with its HTTP-like status, never a stack trace. Errors are logged by name
 * only: a message could quote values (a password hash) that must never reach a log.
 */
export async function runAdminAction<T extends object>(
  operation: (db: Db, actor: CurrentUser) => Promise<AdminResult<T>>,
  { revalidate = [], roles = ["ADMIN"], passwordChange = false }: { revalidate?: string[]; roles?: RoleName[]; passwordChange?: boolean } = {},
): Promise<AdminResult<T>> {
  try {
    const actor = await authorize(roles, { passwordChange });
    const limited = await rateLimitMessage("write", { user: actor });
    if (limited) return { ok: false, status: 429, message: limited };
    const result = await operation(db, actor);
    if (result.ok) {
      // names and agency lists on the public pages may have changed
      forgetPublicRefs();
      for (const path of revalidate) revalidatePath(path);
    }
    return result;
  } catch (e) {
    if (e instanceof AccessDeniedError) return { ok: false, status: e.status, message: e.message };
    const err = e as { name?: string; code?: string };
    console.error(`administration action failed: ${err.name ?? "Error"}${err.code ? ` ${err.code}` : ""}`);
    return { ok: false, status: 500, message: "服务器处理失败，请稍后重试。" };
  }
}
