import { isSafeText } from "@/lib/zod";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";
import { generateOneTimePassword, hashOneTimePassword } from "./one-time-password";

/**
 * Replaces a user's password with a one-time password, returned once for the administrator
 * to hand over; the user must choose a new one at next sign-in. A lock from wrong passwords
 * is lifted. The password is in neither the audit record nor any log.
 */
export async function resetUserPassword(db: Db, actor: Actor, id: unknown): Promise<AdminResult<{ username: string; oneTimePassword: string }>> {
  assertAdmin(actor);
  if (typeof id !== "string" || id.length > 40 || !isSafeText(id)) return refused(404, "未找到该用户。");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashOneTimePassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) return refused(404, "未找到该用户。");
    await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.resetPassword",
      entityType: "User",
      entityId: id,
      details: { username: user.username, changes: { mustChangePassword: [user.mustChangePassword, true] } },
    });
    return { ok: true as const, username: user.username, oneTimePassword };
  });
}
