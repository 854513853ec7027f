import { normalizeUsername } from "@/lib/auth/username";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, verifyPassword } from "./password-hash";
import { ADDRESS_RULE, addressKey, clearPair, PAIR_RULE, pairKey, releaseAttempt, reserveAttempt } from "./login-throttle";

/**
 * One message for every refusal — unknown user, wrong password, throttled, deactivated — so
 * the form tells an attacker nothing about which usernames exist, and never confirms the
 * password of a deactivated account.
 */
export const SIGN_IN_REFUSED = "用户名或密码不正确。多次失败后需稍候再试；如仍无法登录，请联系系统管理员。";

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: "ADMIN" | "REVIEWER" | "CLERK";
  regionCode: string | null;
  agencyId: string | null;
  sessionVersion: number;
}

/** Why a sign-in was refused: for the audit trail only, never shown. */
export type RefusalReason = "invalid" | "throttled" | "inactive";

export type VerifyResult = { ok: true; user: SignedInUser } | { ok: false; reason: RefusalReason };

export interface VerifyContext {
  /** the client's address (lib/server/security/client-address.ts) */
  clientAddress: string;
  now?: Date;
}

/**
 * Checks a username and password from a client address. The attempt is counted against the
 * (username, address) pair and the address before the password is compared (login-throttle.ts);
 * a pair or address still waiting is refused without comparing. A successful sign-in clears
 * the pair and replaces a hash of an older kind (bcrypt) by argon2id. Every outcome on a real
 * account is audited with the address.
 */
export async function verifyCredentials(db: Db, username: string, password: string, ctx: VerifyContext): Promise<VerifyResult> {
  const now = ctx.now ?? new Date();
  const address = ctx.clientAddress || "unknown";
  const pair = pairKey(username, address);
  const addr = addressKey(address);

  // usernames are stored in lower case: `CLERK-XIGANG` is clerk-xigang (lib/auth/username.ts)
  const user = await db.user.findUnique({ where: { username: normalizeUsername(username) } });
  const audit = user ? { actorId: user.id, entityType: "User", entityId: user.id } : null;

  if (!(await reserveAttempt(db, addr, ADDRESS_RULE, now))) {
    if (audit) await recordAudit(db, { ...audit, action: "auth.throttled", details: { address, by: "address" } });
    return { ok: false, reason: "throttled" };
  }
  if (!(await reserveAttempt(db, pair, PAIR_RULE, now))) {
    await releaseAttempt(db, addr);
    if (audit) await recordAudit(db, { ...audit, action: "auth.throttled", details: { address, by: "pair" } });
    return { ok: false, reason: "throttled" };
  }

  // an unknown username is checked against a dummy hash of the same cost (password-hash.ts)
  const check = await verifyPassword(password, user?.passwordHash ?? null);
  const passwordOk = check.ok;
  if (!user || !audit) return { ok: false, reason: "invalid" };

  if (!passwordOk || !user.active) {
    // atomic: concurrent failures each add one, none is lost
    const [row] = await db.$queryRaw<Array<{ failedLogins: number }>>`
      UPDATE "User" SET "failedLogins" = "failedLogins" + 1 WHERE "id" = ${user.id} RETURNING "failedLogins"`;
    await recordAudit(db, {
      ...audit,
      action: user.active ? "auth.failed" : "auth.refusedInactive",
      details: { address, failedLogins: row?.failedLogins ?? null },
    });
    return { ok: false, reason: user.active ? "invalid" : "inactive" };
  }

  await clearPair(db, pair);
  await releaseAttempt(db, addr);
  if (check.needsRehash) {
    // a bcrypt hash from before (or older parameters) becomes argon2id now that the password
    // is known. Only if the hash is still the one just checked: of two sign-ins at once, one
    // replaces it. Changing the hash ends the account's other sessions (the database trigger
    // of security_sessions_throttle), once; this one gets the version read below.
    const upgraded = await hashPassword(password);
    await db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: upgraded } });
  }
  const signedIn = await db.user.update({
    where: { id: user.id },
    data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
    select: { sessionVersion: true },
  });
  await recordAudit(db, { ...audit, action: "auth.signIn", details: { address } });
  return {
    ok: true,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      regionCode: user.regionCode,
      agencyId: user.agencyId,
      sessionVersion: signedIn.sessionVersion,
    },
  };
}

/** Every refusal shows the same text (kept by reason for callers that look one up). */
export const SIGN_IN_MESSAGES: Record<RefusalReason, string> = { invalid: SIGN_IN_REFUSED, throttled: SIGN_IN_REFUSED, inactive: SIGN_IN_REFUSED };
