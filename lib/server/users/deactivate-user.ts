import { isSafeText } from "@/lib/zod";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";

/**
 * Deactivates an account. Its open sessions lose access at their next request: the guard
 * re-reads `active` every time. The account and its history stay.
 */
export async function deactivateUser(db: Db, actor: Actor, id: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  if (typeof id !== "string" || id.length > 40 || !isSafeText(id)) return refused(404, "未找到该用户。");
  if (id === actor.id) return refused(409, "不能停用自己的账号。");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) return refused(404, "未找到该用户。");
    if (!user.active) return { ok: true as const };
    await tx.user.update({ where: { id }, data: { active: false } });
    await recordAudit(tx, { actorId: actor.id, action: "user.deactivate", entityType: "User", entityId: id, details: { username: user.username, changes: { active: [true, false] } } });
    return { ok: true as const };
  });
}
