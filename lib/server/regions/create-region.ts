import { regionCreateSchema } from "@/lib/admin/schemas";
import { fieldErrors } from "@/lib/admin/schemas";
import { levelOfRegionCode } from "@/lib/codes";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";

/** Adds a province, city or county under its parent (which must exist, one level up). */
export async function createRegion(db: Db, actor: Actor, input: unknown): Promise<AdminResult<{ code: string }>> {
  assertAdmin(actor);
  const parsed = regionCreateSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { code, name, parentCode } = parsed.data;
  return db.$transaction(async (tx) => {
    if (await tx.region.findUnique({ where: { code } })) return refused(409, `地区代码 ${code} 已存在。`, { code: "该代码已存在。" });
    const parent = parentCode ? await tx.region.findUnique({ where: { code: parentCode } }) : null;
    if (parentCode && !parent) return refused(400, `上级地区 ${parentCode} 尚未建立，请先建立上级地区。`, { parentCode: "上级地区尚未建立。" });
    if (parent && !parent.active) return refused(400, `上级地区 ${parent.name} 已停用。`, { parentCode: "上级地区已停用。" });
    const level = levelOfRegionCode(code);
    const region = await tx.region.create({
      data: { code, name, level, parentCode: parent?.code ?? null, path: `${parent?.path ?? ""}${code}/` },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "region.create",
      entityType: "Region",
      entityId: code,
      details: { new: { code, name, level, parentCode: parent?.code ?? null } },
    });
    return { ok: true as const, code: region.code };
  });
}
