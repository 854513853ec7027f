import { fieldErrors, passwordChangeSchema } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { refused, type AdminResult } from "../admin/admin-result";
import { verifyPassword } from "../auth/password-hash";
import { passwordStrengthProblem } from "../auth/password-strength";
import { hashPassword } from "./one-time-password";

/**
 * A signed-in user sets their own password. The current password is asked for, except right
 * after an administrator's reset (the user has just signed in with the one-time password).
 */
export async function changeOwnPassword(db: Db, actor: { id: string }, input: unknown): Promise<AdminResult> {
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user || !user.active) return refused(404, "未找到该用户。");
  const parsed = passwordChangeSchema(user.username, { strength: passwordStrengthProblem }).safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { currentPassword, newPassword } = parsed.data;
  if (!user.mustChangePassword) {
    if (!currentPassword) return refused(400, "请输入当前密码。", { currentPassword: "请输入当前密码。" });
    if (!(await verifyPassword(currentPassword, user.passwordHash)).ok)
      return refused(400, "当前密码不正确。", { currentPassword: "当前密码不正确。" });
  }
  if ((await verifyPassword(newPassword, user.passwordHash)).ok) return refused(400, "新密码不能与原密码相同。", { newPassword: "新密码不能与原密码相同。" });
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.changePassword",
      entityType: "User",
      entityId: user.id,
      details: { username: user.username, afterReset: user.mustChangePassword },
    });
  });
  return { ok: true as const };
}
