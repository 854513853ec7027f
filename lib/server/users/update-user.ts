import { fieldErrors, userUpdateSchema } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, changedFields, refused, type Actor, type AdminResult } from "../admin/admin-result";
import { resolveScope, scopeCodeOf } from "./resolve-scope";

/**
 * Changes a user's display name, e-mail address, role or scope (whether notices are e-mailed
 * stays the user's own choice on /account). The guard re-reads role and scope on every
 * request, so a clerk moved to another agency loses the old one's drafts at their next click.
 */
export async function updateUser(db: Db, actor: Actor, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = userUpdateSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { id, displayName, role, scopeCode } = parsed.data;
  // left out: unchanged; empty: no address
  const email = parsed.data.email === undefined ? undefined : parsed.data.email || null;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, include: { agency: { select: { code: true } } } });
    if (!before) return refused(404, "未找到该用户。");
    if (id === actor.id && role !== before.role) return refused(409, "不能修改自己的角色。", { role: "不能修改自己的角色。" });
    const resolved = await resolveScope(tx, role, scopeCode);
    if (!resolved.ok) return refused(400, resolved.message, { scopeCode: resolved.message });
    const changes = changedFields(
      { displayName: before.displayName, email: before.email, role: before.role as string, scope: scopeCodeOf(before) },
      { displayName, ...(email === undefined ? {} : { email }), role, scope: resolved.scope.scopeCode },
    );
    if (Object.keys(changes).length === 0) return { ok: true as const };
    await tx.user.update({
      where: { id },
      data: { displayName, email, role, agencyId: resolved.scope.agencyId, regionCode: resolved.scope.regionCode },
    });
    await recordAudit(tx, { actorId: actor.id, action: "user.update", entityType: "User", entityId: id, details: { username: before.username, changes } });
    return { ok: true as const };
  });
}
