import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delaySeconds, PAIR_RULE, ADDRESS_RULE } from "@/lib/server/auth/login-throttle";
import { hashPassword } from "@/lib/server/auth/password-hash";
import { limitSignIn } from "@/lib/server/auth/sign-in-limit";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { RATE_LIMITS } from "@/lib/server/security/rate-limit-rules";
import { revokeSessions } from "@/lib/server/users/revoke-sessions";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const PASSWORD = "Right#2026";

beforeAll(async () => {
  ctx = await freshDatabase("govreports_signin");
  const passwordHash = await hashPassword(PASSWORD);
  await ctx.db.user.createMany({
    data: ["clerk", "owner", "target", "racer", "spray", "admin2", "victim"].map((username) => ({ username, displayName: username, role: "CLERK" as const, passwordHash })).concat([
      { username: "retired", displayName: "已停用", role: "CLERK", passwordHash, active: false } as never,
    ]),
  });
});
afterAll(async () => ctx?.drop());

const seconds = (base: Date, s: number) => new Date(base.getTime() + s * 1000);
const from = (clientAddress: string, now?: Date) => ({ clientAddress, now });

describe("verifyCredentials", () => {
  it("signs in with the right password and records it with the address", async () => {
    const r = await verifyCredentials(ctx.db, "clerk", PASSWORD, from("10.0.0.1"));
    expect(r).toMatchObject({ ok: true, user: { username: "clerk", role: "CLERK", sessionVersion: 0 } });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "auth.signIn" } });
    expect(audit.details).toMatchObject({ address: "10.0.0.1" });
  });

  it("refuses an unknown user, a wrong password and a deactivated account alike (never confirming its password)", async () => {
    const unknown = await verifyCredentials(ctx.db, "nobody", PASSWORD, from("10.0.0.2"));
    const wrong = await verifyCredentials(ctx.db, "clerk", "wrong", from("10.0.0.2"));
    const retiredWrong = await verifyCredentials(ctx.db, "retired", "wrong", from("10.0.0.2"));
    const retiredRight = await verifyCredentials(ctx.db, "retired", PASSWORD, from("10.0.0.2"));
    for (const r of [unknown, wrong, retiredWrong, retiredRight]) expect(r.ok).toBe(false);
    // the reasons differ only for the audit trail; authorize() shows one message for all (lib/auth/options.ts)
    expect(retiredRight).toEqual(retiredWrong);
  });

  it("slows the (username, address) pair with growing delays, and never stops the owner signing in from another address", async () => {
    const t0 = new Date();
    for (let i = 0; i < PAIR_RULE.freeAttempts; i++) expect((await verifyCredentials(ctx.db, "owner", "wrong", from("203.0.113.9", t0))).ok).toBe(false);
    // the attacker's address now waits, even with the right password
    expect(await verifyCredentials(ctx.db, "owner", PASSWORD, from("203.0.113.9", seconds(t0, 1)))).toEqual({ ok: false, reason: "throttled" });
    // the owner, elsewhere, signs in at once
    expect((await verifyCredentials(ctx.db, "owner", PASSWORD, from("198.51.100.7", seconds(t0, 1)))).ok).toBe(true);
    // after the first delay one more try is allowed from the attacker's address, then the delay doubles
    const first = delaySeconds(PAIR_RULE.freeAttempts, PAIR_RULE);
    const t1 = seconds(t0, first + 1);
    expect(await verifyCredentials(ctx.db, "owner", "wrong", from("203.0.113.9", t1))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(ctx.db, "owner", PASSWORD, from("203.0.113.9", seconds(t1, first + 1)))).toEqual({ ok: false, reason: "throttled" });
    expect(delaySeconds(PAIR_RULE.freeAttempts + 1, PAIR_RULE)).toBe(2 * first);
    expect((await verifyCredentials(ctx.db, "owner", PASSWORD, from("203.0.113.9", seconds(t1, 2 * first + 1)))).ok).toBe(true);
  });

  it("counts concurrent wrong attempts atomically: 20 at once check at most the free number of passwords", async () => {
    const attempts = await Promise.all(Array.from({ length: 20 }, () => verifyCredentials(ctx.db, "racer", "wrong", from("192.0.2.50"))));
    expect(attempts.every((r) => !r.ok)).toBe(true);
    const racer = await ctx.db.user.findUniqueOrThrow({ where: { username: "racer" } });
    const checked = await ctx.db.auditEvent.count({ where: { action: "auth.failed", entityId: racer.id } });
    expect(checked).toBe(PAIR_RULE.freeAttempts);
    expect(racer.failedLogins).toBe(PAIR_RULE.freeAttempts);
    expect(attempts.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(20 - PAIR_RULE.freeAttempts);
    // and the owner still gets in from their own address
    expect((await verifyCredentials(ctx.db, "racer", PASSWORD, from("192.0.2.99"))).ok).toBe(true);
  });

  it("limits one address across many usernames (password spraying), without touching other addresses", async () => {
    const t0 = new Date();
    const names = Array.from({ length: ADDRESS_RULE.freeAttempts }, (_, i) => `guess${i}`);
    await Promise.all(names.map((name) => verifyCredentials(ctx.db, name, "Spring2026", from("192.0.2.77", t0))));
    expect(await verifyCredentials(ctx.db, "spray", PASSWORD, from("192.0.2.77", seconds(t0, 1)))).toEqual({ ok: false, reason: "throttled" });
    expect((await verifyCredentials(ctx.db, "spray", PASSWORD, from("192.0.2.78", seconds(t0, 1)))).ok).toBe(true);
  }, 60_000); // ≈ 18 s on a loaded machine: a password hash per guess

  it("a successful sign-in clears the pair's failures", async () => {
    for (let i = 1; i < PAIR_RULE.freeAttempts; i++) await verifyCredentials(ctx.db, "admin2", "wrong", from("10.1.1.1"));
    expect((await verifyCredentials(ctx.db, "admin2", PASSWORD, from("10.1.1.1"))).ok).toBe(true);
    for (let i = 1; i < PAIR_RULE.freeAttempts; i++) expect(await verifyCredentials(ctx.db, "admin2", "wrong", from("10.1.1.1"))).toEqual({ ok: false, reason: "invalid" });
    expect((await verifyCredentials(ctx.db, "admin2", PASSWORD, from("10.1.1.1"))).ok).toBe(true);
  });
});

describe("the sign-in route's rate limit, then the password (as auth-route.ts runs them)", () => {
  // what /api/auth/callback/credentials does: the request-rate limit first, then next-auth's authorize()
  async function attempt(username: string, password: string, address: string, now: Date) {
    const hit = await limitSignIn(ctx.db, { address, username }, now);
    if (hit) return { status: 429 as const };
    return (await verifyCredentials(ctx.db, username, password, from(address, now))).ok ? { status: 200 as const } : { status: 401 as const };
  }

  it("eleven wrong passwords a minute from one address never refuse the owner's right one from another", async () => {
    // a fixed clock, mid-minute: every attempt falls in one rate-limit window
    const t0 = new Date(Date.UTC(2026, 5, 1, 8, 0, 5));
    const burst = RATE_LIMITS["sign-in"].account.limit + 1;
    const fromA: number[] = [];
    for (let i = 0; i < burst; i++) fromA.push((await attempt("victim", "wrong", "203.0.113.50", seconds(t0, i))).status);
    expect(fromA.slice(0, RATE_LIMITS["sign-in"].account.limit).every((s) => s === 401)).toBe(true);
    expect(fromA.at(-1)).toBe(429);
    // address A itself is still slowed, even with the right password
    expect((await attempt("victim", PASSWORD, "203.0.113.50", seconds(t0, burst))).status).not.toBe(200);
    // the owner, from an address that has not failed, in the same minute
    expect(await attempt("victim", PASSWORD, "198.51.100.20", seconds(t0, burst + 1))).toEqual({ status: 200 });
    // and so does an unknown username tried as often: the limit counts names whether they exist or not
    const unknown: number[] = [];
    for (let i = 0; i < burst; i++) unknown.push((await attempt("no-such-user", "wrong", "203.0.113.51", seconds(t0, i))).status);
    expect(unknown).toEqual(fromA);
  });
});

describe("revokeSessions", () => {
  it("bumps the user's session version atomically, so every earlier token is stale", async () => {
    const target = await ctx.db.user.findUniqueOrThrow({ where: { username: "target" } });
    const versions = await Promise.all([revokeSessions(ctx.db, target.id), revokeSessions(ctx.db, target.id), revokeSessions(ctx.db, target.id)]);
    expect(versions.sort()).toEqual([target.sessionVersion + 1, target.sessionVersion + 2, target.sessionVersion + 3]);
    const r = await verifyCredentials(ctx.db, "target", PASSWORD, from("10.9.9.9"));
    expect(r).toMatchObject({ ok: true, user: { sessionVersion: target.sessionVersion + 3 } });
  });

  it("deactivation, reactivation, role, scope and password changes end earlier sessions, whatever code makes them (database trigger)", async () => {
    const u = await ctx.db.user.findUniqueOrThrow({ where: { username: "target" } });
    let v = u.sessionVersion;
    const changes = [{ active: false }, { active: true }, { role: "REVIEWER" as const }, { passwordHash: "x" }, { displayName: "只改名字" }];
    for (const data of changes) {
      const after = await ctx.db.user.update({ where: { id: u.id }, data });
      const bumped = !("displayName" in data);
      expect(after.sessionVersion, JSON.stringify(data)).toBe(bumped ? v + 1 : v);
      v = after.sessionVersion;
    }
  });
});
