import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_MINUTES, MAX_FAILED_LOGINS, verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const PASSWORD = "Right#2026";

beforeAll(async () => {
  ctx = await freshDatabase("govreports_signin");
  const passwordHash = await bcrypt.hash(PASSWORD, 4);
  await ctx.db.user.createMany({
    data: [
      { username: "clerk", displayName: "经办人", role: "CLERK", passwordHash },
      { username: "retired", displayName: "已停用", role: "CLERK", passwordHash, active: false },
    ],
  });
});
afterAll(async () => ctx?.drop());

const minutes = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);

describe("verifyCredentials", () => {
  it("signs in with the right password and records it", async () => {
    const r = await verifyCredentials(ctx.db, "clerk", PASSWORD);
    expect(r).toMatchObject({ ok: true, user: { username: "clerk", role: "CLERK" } });
    expect(await ctx.db.auditEvent.count({ where: { action: "auth.signIn" } })).toBe(1);
  });

  it("refuses an unknown user and a wrong password alike", async () => {
    expect(await verifyCredentials(ctx.db, "nobody", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(ctx.db, "clerk", "wrong")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks the account for ${LOCK_MINUTES} minutes after ${MAX_FAILED_LOGINS} wrong passwords in a row, then lets the right one in`, async () => {
    const t0 = new Date();
    await verifyCredentials(ctx.db, "clerk", PASSWORD, t0); // resets the count left by the test above
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await verifyCredentials(ctx.db, "clerk", "wrong", t0)).ok).toBe(false);
    expect(await verifyCredentials(ctx.db, "clerk", "wrong", t0)).toEqual({ ok: false, reason: "locked" });
    expect(await verifyCredentials(ctx.db, "clerk", PASSWORD, minutes(t0, LOCK_MINUTES - 1))).toEqual({ ok: false, reason: "locked" });
    const later = await verifyCredentials(ctx.db, "clerk", PASSWORD, minutes(t0, LOCK_MINUTES + 1));
    expect(later.ok).toBe(true);
    const user = await ctx.db.user.findUniqueOrThrow({ where: { username: "clerk" } });
    expect(user.failedLogins).toBe(0);
    expect(user.lockedUntil).toBeNull();
    expect(await ctx.db.auditEvent.count({ where: { action: "auth.locked", entityId: user.id } })).toBe(1);
  });

  it("a successful sign-in resets the count of failures", async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) await verifyCredentials(ctx.db, "clerk", "wrong");
    expect((await verifyCredentials(ctx.db, "clerk", PASSWORD)).ok).toBe(true);
    expect((await verifyCredentials(ctx.db, "clerk", "wrong")).ok).toBe(false);
    expect((await ctx.db.user.findUniqueOrThrow({ where: { username: "clerk" } })).failedLogins).toBe(1);
  });

  it("tells a deactivated user so only when the password is right", async () => {
    expect(await verifyCredentials(ctx.db, "retired", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(ctx.db, "retired", PASSWORD)).toEqual({ ok: false, reason: "inactive" });
  });
});
