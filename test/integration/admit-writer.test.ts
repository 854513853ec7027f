// admitWriter (lib/server/security/admit-writer.ts): the session's user and the write's count in
// one statement, with authorize's and enforceRateLimit's answers in their order, counting only
// the writes it admits.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cookiesOfHeader } from "@/lib/auth/session-token";
import { AccessDeniedError } from "@/lib/auth/access-denied";
import { RATE_LIMITS, RateLimitError } from "@/lib/server/security/rate-limit";
import { freshDatabase, helanTownships, testUser } from "./db-helpers";

vi.mock("server-only", () => ({}));

const SECRET = "admit-writer-test-secret-0123456789abcdef";
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let admitWriter: typeof import("@/lib/server/security/admit-writer").admitWriter;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_admitwriter");
  process.env.DATABASE_URL = ctx.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  ({ admitWriter } = await import("@/lib/server/security/admit-writer"));
});
afterAll(async () => {
  const { db } = await import("@/lib/server/db");
  await db.$disconnect();
  await ctx?.drop();
});

async function cookiesOf(username: string) {
  const u = await ctx.db.user.findUniqueOrThrow({ where: { username } });
  const token = await encode({ secret: SECRET, token: { uid: u.id, username, role: u.role, sv: u.sessionVersion, agencyId: u.agencyId, regionCode: u.regionCode } });
  return cookiesOfHeader(`next-auth.session-token=${token}`);
}

const counted = async (key: string) => (await ctx.db.rateLimitBucket.findMany({ where: { key } })).reduce((n, b) => n + b.count, 0);

describe("admitWriter", () => {
  it("admits a clerk and counts the write once against its address and its account", async () => {
    const [a] = await helanTownships(ctx.db);
    const clerk = await testUser(ctx.db, "w-clerk", "CLERK", { agencyId: a!.id });
    const user = await admitWriter(await cookiesOf("w-clerk"), ["CLERK"], "10.3.0.1");
    expect(user).toMatchObject({ id: clerk.id, role: "CLERK", agencyId: a!.id });
    expect(await counted("write:addr:10.3.0.1")).toBe(1);
    expect(await counted(`write:user:${clerk.id}`)).toBe(1);
  });

  it("refuses, uncounted, a session ended since, another role and a password change due", async () => {
    await testUser(ctx.db, "w-reviewer", "REVIEWER", { regionCode: "640122" });
    const revoked = await cookiesOf("w-clerk");
    await ctx.db.user.update({ where: { username: "w-clerk" }, data: { sessionVersion: { increment: 1 } } });
    const due = await testUser(ctx.db, "w-due", "CLERK", { agencyId: (await ctx.db.agency.findFirstOrThrow()).id });
    await ctx.db.user.update({ where: { id: due.id }, data: { mustChangePassword: true } });
    const cases: [string, Awaited<ReturnType<typeof cookiesOf>>, number][] = [
      ["10.3.1.1", revoked, 401],
      ["10.3.1.2", await cookiesOf("w-reviewer"), 403],
      ["10.3.1.3", await cookiesOf("w-due"), 403],
      ["10.3.1.4", cookiesOfHeader(null), 401],
    ];
    for (const [address, cookies, status] of cases) {
      await expect(admitWriter(cookies, ["CLERK"], address)).rejects.toMatchObject({ constructor: AccessDeniedError, status });
      expect(await counted(`write:addr:${address}`)).toBe(0);
    }
  });

  it("refuses the write past the account's limit with the seconds left of its window", async () => {
    const [agency] = await ctx.db.agency.findMany({ take: 1 });
    await testUser(ctx.db, "w-busy", "CLERK", { agencyId: agency!.id });
    const cookies = await cookiesOf("w-busy");
    const now = new Date(Date.UTC(2026, 0, 5, 8, 0, 40));
    const limit = RATE_LIMITS.write.account.limit;
    for (let i = 0; i < limit; i++) await admitWriter(cookies, ["CLERK"], `10.3.2.${(i % 200) + 1}`, now);
    const refused = await admitWriter(cookies, ["CLERK"], "10.3.2.250", now).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect((refused as RateLimitError).retryAfterSeconds).toBe(20);
  });
});
