import { isSafeText } from "@/lib/zod";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";

/** Lets a deactivated account sign in again (with its old password, or after a reset). */
export async function reactivateUser(db: Db, actor: Actor, id: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  if (typeof id !== "string" || id.length > 40 || !isSafeText(id)) return refused(404, "未找到该用户。");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) return refused(404, "未找到该用户。");
    if (user.active) return { ok: true as const };
    await tx.user.update({ where: { id }, data: { active: true, failedLogins: 0, lockedUntil: null } });
    await recordAudit(tx, { actorId: actor.id, action: "user.reactivate", entityType: "User", entityId: id, details: { username: user.username, changes: { active: [false, true] } } });
    return { ok: true as const };
  });
}
