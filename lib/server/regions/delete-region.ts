import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";
import { isRegionCode } from "@/lib/codes";

/** Deletes a region that nothing refers to; one with sub-regions, agencies or users is only deactivated. */
export async function deleteRegion(db: Db, actor: Actor, code: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  if (!isRegionCode(code)) return refused(404, "未找到该地区。");
  return db.$transaction(async (tx) => {
    const region = await tx.region.findUnique({
      where: { code },
      include: { _count: { select: { children: true, agencies: true, reviewers: true } } },
    });
    if (!region) return refused(404, "未找到该地区。");
    const { children, agencies, reviewers } = region._count;
    if (children + agencies + reviewers > 0)
      return refused(409, `${region.name}下已有下级地区 ${children} 个、单位 ${agencies} 个、审核人 ${reviewers} 个，只能停用，不能删除。`);
    await tx.region.delete({ where: { code } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "region.delete",
      entityType: "Region",
      entityId: code,
      details: { old: { code, name: region.name, level: region.level, parentCode: region.parentCode, active: region.active } },
    });
    return { ok: true as const };
  });
}
