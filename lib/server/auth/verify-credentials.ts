import bcrypt from "bcryptjs";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const SIGN_IN_MESSAGES = {
  invalid: "用户名或密码不正确。",
  locked: `登录失败次数过多，账号已临时锁定，请 ${LOCK_MINUTES} 分钟后再试。`,
  inactive: "账号已停用，请联系系统管理员。",
} as const;

// Compared against when the user does not exist, so a wrong username takes as long as a
// wrong password (no account enumeration by timing).
const DUMMY_HASH = "$2b$10$riB3uuLx6pNsLEok3s37/O4paX8TnkBEbhzp1PIEJf1dClRiD9VQC";

export type VerifyResult =
  | { ok: true; user: { id: string; username: string; displayName: string; role: "ADMIN" | "REVIEWER" | "CLERK"; regionCode: string | null; agencyId: string | null } }
  | { ok: false; reason: keyof typeof SIGN_IN_MESSAGES };

/**
 * Checks a username and password. After MAX_FAILED_LOGINS wrong passwords in a row the
 * account is locked for LOCK_MINUTES (even the right password is refused meanwhile);
 * a successful sign-in resets the count. Every outcome on a real account is audited.
 */
export async function verifyCredentials(db: Db, username: string, password: string, now = new Date()): Promise<VerifyResult> {
  const user = await db.user.findUnique({ where: { username } });
  const passwordOk = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user) return { ok: false, reason: "invalid" };
  const audit = { actorId: user.id, entityType: "User", entityId: user.id };

  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(db, { ...audit, action: "auth.refusedLocked" });
    return { ok: false, reason: "locked" };
  }
  if (!passwordOk) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.user.update({
      where: { id: user.id },
      data: lock ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) } : { failedLogins: failed },
    });
    await recordAudit(db, { ...audit, action: lock ? "auth.locked" : "auth.failed", details: { failedLogins: failed } });
    return { ok: false, reason: lock ? "locked" : "invalid" };
  }
  if (!user.active) {
    await recordAudit(db, { ...audit, action: "auth.refusedInactive" });
    return { ok: false, reason: "inactive" };
  }
  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  await recordAudit(db, { ...audit, action: "auth.signIn" });
  return {
    ok: true,
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, regionCode: user.regionCode, agencyId: user.agencyId },
  };
}
