import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/server/prisma";
import { consumeRateLimit } from "@/lib/server/security/rate-limit-store";
import { sqlRows } from "@/lib/server/sql";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  ctx = await freshDatabase("govreports_ratelimit");
});
afterAll(async () => ctx?.drop());

describe("consumeRateLimit (PostgreSQL fixed window)", () => {
  it("allows exactly the limit under a concurrent burst, then refuses with the time left", async () => {
    const rule = { limit: 10, windowSeconds: 60 };
    const now = new Date(Date.UTC(2026, 0, 1, 8, 0, 15));
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit(ctx.db, [{ key: "write:addr:10.0.0.1", rule }], now)));
    expect(results.filter((r) => r === null)).toHaveLength(10);
    const refused = results.filter((r) => r !== null);
    expect(refused).toHaveLength(15);
    expect(refused[0]).toMatchObject({ key: "write:addr:10.0.0.1", limit: 10, retryAfterSeconds: 45 });
  });

  it("keeps keys apart and starts again in the next window", async () => {
    const rule = { limit: 2, windowSeconds: 60 };
    const now = new Date(Date.UTC(2026, 0, 1, 9, 0, 0));
    for (let i = 0; i < 2; i++) expect(await consumeRateLimit(ctx.db, [{ key: "a", rule }], now)).toBeNull();
    expect(await consumeRateLimit(ctx.db, [{ key: "a", rule }], now)).not.toBeNull();
    expect(await consumeRateLimit(ctx.db, [{ key: "b", rule }], now)).toBeNull();
    expect(await consumeRateLimit(ctx.db, [{ key: "a", rule }], new Date(now.getTime() + 60_000))).toBeNull();
  });

  it("reports the first key over its limit when several are checked (address and account)", async () => {
    const now = new Date(Date.UTC(2026, 0, 1, 10, 0, 0));
    const address = { key: "sign-in:addr:x", rule: { limit: 100, windowSeconds: 60 } };
    const account = { key: "sign-in:name:admin", rule: { limit: 1, windowSeconds: 60 } };
    expect(await consumeRateLimit(ctx.db, [address, account], now)).toBeNull();
    expect(await consumeRateLimit(ctx.db, [address, account], now)).toMatchObject({ key: "sign-in:name:admin" });
  });

  it("counts without waiting for the disk, and leaves its connection's later commits waiting as before", async () => {
    // one connection, so that the statement after the count runs where the count ran
    const saved = process.env.DB_POOL_SIZE;
    process.env.DB_POOL_SIZE = "1";
    const one = createPrismaClient(ctx.url);
    process.env.DB_POOL_SIZE = saved;
    try {
      const rule = { limit: 5, windowSeconds: 60 };
      expect(await consumeRateLimit(one, [{ key: "write:addr:10.0.0.9", rule }], new Date(Date.UTC(2026, 0, 1, 11, 0, 0)))).toBeNull();
      const [row] = await sqlRows<{ synchronous_commit: string }>(one, "SHOW synchronous_commit", []);
      expect(row!.synchronous_commit).toBe("on");
      // the counter is there all the same
      const [bucket] = await sqlRows<{ count: number }>(one, `SELECT "count" FROM "RateLimitBucket" WHERE "key" = $1`, ["write:addr:10.0.0.9"]);
      expect(bucket!.count).toBe(1);
    } finally {
      await one.$disconnect();
    }
  });
});
