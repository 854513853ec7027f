// Usernames are one name whatever their case — `Admin` beside `admin` is refused, in
// the admin form and in CSV onboarding (naming the line), and sign-in takes `CLERK-XIGANG` as
// clerk-xigang; the database itself refuses a name that is not in lower case.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/auth/password-hash";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { previewOnboarding } from "@/lib/server/onboarding/preview-onboarding";
import { createUser } from "@/lib/server/users/create-user";
import { adminAndHelanCounty, freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let admin: { id: string; role: "ADMIN" };
const PASSWORD = "Helan-Report-2026";

beforeAll(async () => {
  ctx = await freshDatabase("govreports_usernames");
  admin = await adminAndHelanCounty(ctx.db, await hashPassword(PASSWORD));
});
afterAll(async () => ctx?.drop());

describe("usernames without regard to case", () => {
  it("refuses creating `Admin` when `admin` exists, with a Chinese message, and stores new names in lower case", async () => {
    const r = await createUser(ctx.db, admin, { username: "Admin", displayName: "冒名", role: "ADMIN", scopeCode: "" });
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(JSON.stringify(r)).toContain("不区分大小写");
    expect(await ctx.db.user.count({ where: { username: { equals: "admin", mode: "insensitive" } } })).toBe(1);

    const created = await createUser(ctx.db, admin, { username: "Reviewer-Helan", displayName: "审核人", role: "REVIEWER", scopeCode: "640122" });
    expect(created).toMatchObject({ ok: true, username: "reviewer-helan" });
    expect(await ctx.db.user.findUnique({ where: { username: "reviewer-helan" } })).not.toBeNull();
  });

  it("signs in whatever the case the name is typed in", async () => {
    const r = await verifyCredentials(ctx.db, "ADMIN", PASSWORD, { clientAddress: "10.3.0.1" });
    expect(r).toMatchObject({ ok: true, user: { username: "admin" } });
    expect((await verifyCredentials(ctx.db, " Admin ", PASSWORD, { clientAddress: "10.3.0.2" })).ok).toBe(true);
  });

  it("CSV onboarding names the line of a name that differs from an existing one or an earlier line only in case", async () => {
    const users = ["用户名,姓名,角色,范围", "ADMIN,重名,管理员,", "new-admin,新管理员,管理员,", "NEW-Admin,又一个,管理员,"].join("\n");
    const plan = await previewOnboarding(ctx.db, admin, { users: { name: "u.csv", bytes: new TextEncoder().encode(users) } });
    const text = plan.problems.map((p) => `${p.file}:${p.line}:${p.message}`).join("\n");
    expect(text).toContain("users:2:用户名 ADMIN 已存在（即 admin，用户名不区分大小写）");
    expect(text).toContain("users:4:用户名 NEW-Admin 与第 3 行重复（即 new-admin，用户名不区分大小写）");
    expect(plan.users.create.map((u) => u.username)).toEqual(["new-admin"]);
  });

  it("the database refuses a name that is not in lower case, whatever code writes it", async () => {
    await expect(ctx.db.user.create({ data: { username: "Mixed-Case", displayName: "x", role: "ADMIN", passwordHash: "x" } })).rejects.toThrow();
    expect(await ctx.db.user.count({ where: { username: { equals: "mixed-case", mode: "insensitive" } } })).toBe(0);
  });

  it("the migration puts existing names in lower case: of names that differ only in case the oldest keeps it, the others are numbered and audited", async () => {
    const dir = fs.readdirSync("prisma/migrations").find((d) => d.endsWith("_username_lower_case"))!;
    const sql = fs.readFileSync(path.join("prisma/migrations", dir, "migration.sql"), "utf8");
    const c = new pg.Client({ connectionString: ctx.url });
    await c.connect();
    try {
      // the database as it could be before the migration
      await c.query(`ALTER TABLE "User" DROP CONSTRAINT "User_username_lower_case"`);
      await c.query(`INSERT INTO "User" (id, username, "displayName", "passwordHash", role, "createdAt", "updatedAt") VALUES
        ('m-old', 'Dup-Name', '先建', 'x', 'ADMIN', now() - interval '2 days', now()),
        ('m-new', 'dup-name', '后建', 'x', 'ADMIN', now() - interval '1 day', now()),
        ('m-solo', 'Solo-Name', '独一', 'x', 'ADMIN', now(), now())`);
      await c.query(sql);
      const { rows } = await c.query(`SELECT id, username FROM "User" WHERE id LIKE 'm-%' ORDER BY id`);
      expect(rows).toEqual([
        { id: "m-new", username: "dup-name-2" },
        { id: "m-old", username: "dup-name" },
        { id: "m-solo", username: "solo-name" },
      ]);
      const audit = await c.query(`SELECT "entityId", details FROM "AuditEvent" WHERE "actorLabel" = 'migration' ORDER BY "entityId"`);
      expect(audit.rows.map((r) => [r.entityId, r.details.changes.username])).toEqual([
        ["m-new", ["dup-name", "dup-name-2"]],
        ["m-old", ["Dup-Name", "dup-name"]],
        ["m-solo", ["Solo-Name", "solo-name"]],
      ]);
      await expect(c.query(`UPDATE "User" SET username = 'Solo-Name' WHERE id = 'm-solo'`)).rejects.toThrow(/User_username_lower_case/);
    } finally {
      await c.end();
    }
  });
});
