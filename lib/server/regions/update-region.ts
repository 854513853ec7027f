import { fieldErrors, regionUpdateSchema } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, changedFields, refused, type Actor, type AdminResult } from "../admin/admin-result";

/** Renames a region or switches it on/off; the code (and so the tree) never changes. */
export async function updateRegion(db: Db, actor: Actor, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = regionUpdateSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { code, name, active } = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.region.findUnique({ where: { code } });
    if (!before) return refused(404, "未找到该地区。");
    const changes = changedFields(before, { name, active });
    if (Object.keys(changes).length === 0) return { ok: true as const };
    await tx.region.update({ where: { code }, data: { name, active } });
    await recordAudit(tx, { actorId: actor.id, action: "region.update", entityType: "Region", entityId: code, details: { changes } });
    return { ok: true as const };
  });
}
