import { isSafeText } from "@/lib/zod";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";

/** Deletes an agency without reports or users; any other is only deactivated (its history stays). */
export async function deleteAgency(db: Db, actor: Actor, id: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  if (typeof id !== "string" || id.length > 40 || !isSafeText(id)) return refused(404, "未找到该单位。");
  return db.$transaction(async (tx) => {
    const agency = await tx.agency.findUnique({ where: { id }, include: { _count: { select: { reports: true, clerks: true } } } });
    if (!agency) return refused(404, "未找到该单位。");
    if (agency._count.reports + agency._count.clerks > 0)
      return refused(409, `${agency.name}已有报告 ${agency._count.reports} 份、用户 ${agency._count.clerks} 个，只能停用，不能删除。`);
    await tx.agency.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agency.delete",
      entityType: "Agency",
      entityId: id,
      details: { old: { code: agency.code, name: agency.name, kind: agency.kind, regionCode: agency.regionCode, active: agency.active } },
    });
    return { ok: true as const };
  });
}
