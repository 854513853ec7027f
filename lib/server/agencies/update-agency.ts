import { agencyUpdateSchema, fieldErrors } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, changedFields, refused, type Actor, type AdminResult } from "../admin/admin-result";

/**
 * Edits an agency (code, name, kind, region, active). The code of an agency with reports is
 * fixed: public report addresses (/reports/CODE/YEAR) and exchange documents carry it.
 * Deactivating an agency ends its users' sessions.
 */
export async function updateAgency(db: Db, actor: Actor, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = agencyUpdateSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { id, code, name, kind, regionCode, active } = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.agency.findUnique({ where: { id }, include: { _count: { select: { reports: true } } } });
    if (!before) return refused(404, "未找到该单位。");
    const changes = changedFields(before, { code, name, kind, regionCode, active });
    if (Object.keys(changes).length === 0) return { ok: true as const };
    if (changes.code) {
      if (before._count.reports > 0) return refused(409, "该单位已有报告，代码不能修改。", { code: "已有报告的单位不能修改代码。" });
      if (await tx.agency.findUnique({ where: { code } })) return refused(409, `单位代码 ${code} 已存在。`, { code: "该代码已存在。" });
    }
    if (changes.regionCode) {
      const region = await tx.region.findUnique({ where: { code: regionCode } });
      if (!region) return refused(400, `地区 ${regionCode} 不存在。`, { regionCode: "该地区不存在。" });
      if (!region.active) return refused(400, `地区 ${region.name} 已停用。`, { regionCode: "该地区已停用。" });
    }
    await tx.agency.update({ where: { id }, data: { code, name, kind, regionCode, active } });
    // a deactivated agency's clerks are signed out now (their writes are refused from here on:
    // lib/server/access/report-access.ts); they may sign in again to read what was filed
    const signedOut = before.active && !active ? (await tx.user.updateMany({ where: { agencyId: id }, data: { sessionVersion: { increment: 1 } } })).count : 0;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agency.update",
      entityType: "Agency",
      entityId: id,
      details: { code: before.code, changes, ...(signedOut ? { sessionsEnded: signedOut } : {}) },
    });
    return { ok: true as const };
  });
}
