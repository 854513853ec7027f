import { fieldErrors, userCreateSchema } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";
import { generateOneTimePassword, hashOneTimePassword } from "./one-time-password";
import { resolveScope } from "./resolve-scope";

/**
 * Creates an account with a one-time password, returned once to be shown to the
 * administrator and never stored in plain text; the user must change it at first sign-in.
 */
export async function createUser(db: Db, actor: Actor, input: unknown): Promise<AdminResult<{ id: string; username: string; oneTimePassword: string }>> {
  assertAdmin(actor);
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { username, displayName, role, scopeCode } = parsed.data;
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashOneTimePassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username } })) return refused(409, `用户名 ${username} 已存在。`, { username: "该用户名已存在。" });
    const resolved = await resolveScope(tx, role, scopeCode);
    if (!resolved.ok) return refused(400, resolved.message, { scopeCode: resolved.message });
    const { agencyId, regionCode } = resolved.scope;
    const user = await tx.user.create({
      data: { username, displayName, role, agencyId, regionCode, passwordHash, mustChangePassword: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      details: { new: { username, displayName, role, scope: resolved.scope.scopeCode, active: true, mustChangePassword: true } },
    });
    return { ok: true as const, id: user.id, username, oneTimePassword };
  });
}
