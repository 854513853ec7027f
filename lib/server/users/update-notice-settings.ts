import { z } from "@/lib/zod";
import { refused, type AdminResult } from "../admin/admin-result";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../prisma";

/** The form's fields as the server reads them (the action parses with it too, for its fieldErrors). */
export const noticeSettingsSchema = z.object({
  email: z
    .string()
    .trim()
    .max(200, "电子邮箱不能超过 200 个字符。")
    .refine((s) => s === "" || z.email().safeParse(s).success, "请填写有效的电子邮箱地址。"),
  emailNotices: z.boolean(),
});

/** A signed-in user's own notice settings on /account: the e-mail address (optional) and whether notices are also e-mailed. */
export async function updateNoticeSettings(db: Db, actor: { id: string }, input: unknown): Promise<AdminResult> {
  const parsed = noticeSettingsSchema.safeParse(input);
  if (!parsed.success) return refused(400, parsed.error.issues[0]?.message ?? "请检查填写的内容。", { email: parsed.error.issues[0]?.message ?? "" });
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, active: true } });
  if (!user || !user.active) return refused(404, "未找到该用户。");
  const email = parsed.data.email || null;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { email, emailNotices: parsed.data.emailNotices } });
    await recordAudit(tx, { actorId: user.id, action: "user.noticeSettings", entityType: "User", entityId: user.id, details: { email, emailNotices: parsed.data.emailNotices } });
  });
  return { ok: true };
}
