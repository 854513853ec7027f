import { hashPassword, verifyPassword } from "@/lib/server/auth/password-hash";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "@/scripts/lib/seed-demo";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  ctx = await freshDatabase("govreports_seed");
});
afterAll(async () => ctx?.drop());

async function snapshot() {
  const { db } = ctx;
  return {
    regions: await db.region.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, level: true, parentCode: true, path: true } }),
    agencies: await db.agency.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, kind: true, regionCode: true } }),
    users: await db.user.findMany({ orderBy: { username: "asc" }, select: { username: true, role: true, regionCode: true, agencyId: true, passwordHash: true } }),
    reports: await db.report.findMany({ select: { id: true, year: true, status: true, version: true } }),
    versions: await db.publishedVersion.count(),
    cells: await db.reportCell.count(),
    audit: await db.auditEvent.count(),
  };
}

describe("demo seed", () => {
  it("creates the region tree, the six agencies, the five accounts and 习岗镇's published 2020 report", async () => {
    await seedDemo(ctx.url);
    const s = await snapshot();
    expect(s.regions.map((r) => [r.code, r.level, r.parentCode, r.path])).toEqual([
      ["640000", "PROVINCE", null, "640000/"],
      ["640100", "CITY", "640000", "640000/640100/"],
      ["640122", "COUNTY", "640100", "640000/640100/640122/"],
    ]);
    expect(s.agencies.map((a) => a.code)).toEqual(["640122-zrzy", "640122100000", "640122101000", "640122102000", "640122103000", "640122200000"]);
    expect(s.agencies.find((a) => a.code === "640122-zrzy")?.kind).toBe("DEPARTMENT");
    expect(s.users.map((u) => [u.username, u.role])).toEqual([
      ["admin", "ADMIN"],
      ["clerk-jingui", "CLERK"],
      ["clerk-xigang", "CLERK"],
      ["clerk-zrzy", "CLERK"],
      ["reviewer-helan", "REVIEWER"],
    ]);
    expect(s.users.find((u) => u.username === "reviewer-helan")?.regionCode).toBe("640122");
    for (const u of s.users) {
      expect(u.passwordHash).toMatch(/^\$argon2id\$/); // the one password hash, as for accounts made in the app
      expect((await verifyPassword(DEMO_PASSWORD, u.passwordHash)).ok).toBe(true);
    }
    expect(s.reports).toHaveLength(1);
    expect(s.reports[0]).toMatchObject({ year: 2020, status: "PUBLISHED" });
    expect(s.versions).toBe(1);
    expect(s.cells).toBe(198);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = await snapshot();
    await seedDemo(ctx.url);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps what an administrator changed (a password, a region name)", async () => {
    const { db } = ctx;
    const newHash = await hashPassword("Changed#2026");
    await db.user.update({ where: { username: "clerk-jingui" }, data: { passwordHash: newHash } });
    await db.region.update({ where: { code: "640122" }, data: { name: "贺兰县（改）" } });
    await seedDemo(ctx.url);
    expect((await db.user.findUniqueOrThrow({ where: { username: "clerk-jingui" } })).passwordHash).toBe(newHash);
    expect((await db.region.findUniqueOrThrow({ where: { code: "640122" } })).name).toBe("贺兰县（改）");
  });
});
