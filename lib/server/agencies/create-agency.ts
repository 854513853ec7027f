import { agencyCreateSchema, fieldErrors } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";

export async function createAgency(db: Db, actor: Actor, input: unknown): Promise<AdminResult<{ id: string }>> {
  assertAdmin(actor);
  const parsed = agencyCreateSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { code, name, kind, regionCode } = parsed.data;
  return db.$transaction(async (tx) => {
    const region = await tx.region.findUnique({ where: { code: regionCode } });
    if (!region) return refused(400, `地区 ${regionCode} 不存在。`, { regionCode: "该地区不存在。" });
    if (!region.active) return refused(400, `地区 ${region.name} 已停用。`, { regionCode: "该地区已停用。" });
    if (await tx.agency.findUnique({ where: { code } })) return refused(409, `单位代码 ${code} 已存在。`, { code: "该代码已存在。" });
    const agency = await tx.agency.create({ data: { code, name, kind, regionCode } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agency.create",
      entityType: "Agency",
      entityId: agency.id,
      details: { new: { code, name, kind, regionCode, active: true } },
    });
    return { ok: true as const, id: agency.id };
  });
}
