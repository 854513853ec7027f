import { isSafeText } from "@/lib/zod";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, type Actor } from "../admin/admin-result";
import { openSealed, type IssuedAccount, type OneTimePasswordFormat } from "./one-time-password-vault";

export type TakeResult =
  | { ok: true; accounts: IssuedAccount[]; createdAt: Date }
  | { ok: false; status: 404 | 410; message: string };

const GONE = "这批一次性密码已下载过或已过期，不能再次获取。如有遗失，请在“用户”中为该用户重置密码。";
const FIELD = { csv: "csvTakenAt", slips: "slipsTakenAt" } as const;

/**
 * Hands out a batch of one-time passwords in one form (CSV or printable slips), once: only to
 * the administrator who created the accounts, in the same session (signing out or a password
 * change ends it), before it expires. Taking it is atomic (two requests at once: one gets it),
 * audited without the passwords, and when both forms are taken the row is deleted.
 */
export async function takeOneTimePasswords(db: Db, actor: Actor, batchId: unknown, format: OneTimePasswordFormat, now = new Date()): Promise<TakeResult> {
  assertAdmin(actor);
  // another administrator's batch, a forged id and a deleted one all look alike: not found
  const missing = { ok: false as const, status: 404 as const, message: "未找到这批一次性密码：可能已被获取过、已过期或不存在，不能再次获取。" };
  if (typeof batchId !== "string" || batchId.length > 64 || !/^[A-Za-z0-9_-]+$/.test(batchId) || !isSafeText(batchId)) return missing;
  return db.$transaction(async (tx) => {
    const admin = await tx.user.findUnique({ where: { id: actor.id }, select: { sessionVersion: true } });
    // the row is locked: a second request for the same form waits here and then finds it taken
    const [row] = await tx.$queryRaw<{ adminId: string; sessionVersion: number; sealed: Uint8Array; csvTakenAt: Date | null; slipsTakenAt: Date | null; expiresAt: Date; createdAt: Date }[]>`
      SELECT "adminId", "sessionVersion", sealed, "csvTakenAt", "slipsTakenAt", "expiresAt", "createdAt"
      FROM "OneTimePasswordBatch" WHERE id = ${batchId} FOR UPDATE`;
    if (!row || !admin || row.adminId !== actor.id) return missing;
    if (row.sessionVersion !== admin.sessionVersion || row.expiresAt <= now) {
      await tx.oneTimePasswordBatch.delete({ where: { id: batchId } });
      return { ok: false as const, status: 410 as const, message: GONE };
    }
    if (row[FIELD[format]]) return { ok: false as const, status: 410 as const, message: GONE };
    const accounts = openSealed(batchId, row.adminId, row.sealed);
    if (!accounts) return missing;
    const otherTaken = format === "csv" ? row.slipsTakenAt : row.csvTakenAt;
    if (otherTaken) await tx.oneTimePasswordBatch.delete({ where: { id: batchId } });
    else await tx.oneTimePasswordBatch.update({ where: { id: batchId }, data: { [FIELD[format]]: now } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.oneTimePasswordsDownload",
      entityType: "OneTimePasswordBatch",
      entityId: batchId.slice(0, 12),
      // who may now hold the passwords, never the passwords
      details: { format: format === "csv" ? "CSV" : "打印密码条", count: accounts.length, usernames: accounts.map((a) => a.username).slice(0, 1000) },
    });
    return { ok: true as const, accounts, createdAt: row.createdAt };
  });
}
