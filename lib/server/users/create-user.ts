import { fieldErrors, userCreateSchema } from "@/lib/admin/schemas";
import { normalizeUsername } from "@/lib/auth/username";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";
import { generateOneTimePassword, hashOneTimePassword } from "./one-time-password";
import { keepForDownload } from "./one-time-password-vault";
import { resolveScope } from "./resolve-scope";

/**
 * Creates an account with a one-time password, returned once to be shown to the
 * administrator and never stored in plain text; the user must change it at first sign-in.
 * It is also kept sealed for one download (CSV, printable slip) by this administrator
 * (one-time-password-vault.ts): `downloadId`.
 */
export async function createUser(
  db: Db,
  actor: Actor,
  input: unknown,
): Promise<AdminResult<{ id: string; username: string; oneTimePassword: string; scopeName: string; downloadId: string | null }>> {
  assertAdmin(actor);
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { displayName, role, scopeCode } = parsed.data;
  const email = parsed.data.email || null;
  // stored in lower case: `Admin` is the name `admin` (lib/auth/username.ts)
  const username = normalizeUsername(parsed.data.username);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashOneTimePassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username } })) {
      const same = username === parsed.data.username ? `用户名 ${username} 已存在。` : `用户名 ${parsed.data.username} 与已有的 ${username} 相同（用户名不区分大小写）。`;
      return refused(409, same, { username: "该用户名已存在（用户名不区分大小写）。" });
    }
    const resolved = await resolveScope(tx, role, scopeCode);
    if (!resolved.ok) return refused(400, resolved.message, { scopeCode: resolved.message });
    const { agencyId, regionCode } = resolved.scope;
    const user = await tx.user.create({
      data: { username, displayName, email, role, agencyId, regionCode, passwordHash, mustChangePassword: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      details: { new: { username, displayName, email, role, scope: resolved.scope.scopeCode, active: true, mustChangePassword: true } },
    });
    const scopeName = resolved.scope.scopeName;
    const downloadId = await keepForDownload(tx, actor.id, [{ username, displayName, scopeName, oneTimePassword }]);
    return { ok: true as const, id: user.id, username, oneTimePassword, scopeName, downloadId };
  });
}
