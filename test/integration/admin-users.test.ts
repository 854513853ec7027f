import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessDeniedError } from "@/lib/auth/access-denied";
import { passwordProblem } from "@/lib/auth/password-policy";
import { agenciesInScope, agencyInScope, regionScopePrefix } from "@/lib/server/access/scope";
import { createAgency } from "@/lib/server/agencies/create-agency";
import { deleteAgency } from "@/lib/server/agencies/delete-agency";
import { updateAgency } from "@/lib/server/agencies/update-agency";
import { createRegion } from "@/lib/server/regions/create-region";
import { deleteRegion } from "@/lib/server/regions/delete-region";
import { updateRegion } from "@/lib/server/regions/update-region";
import { changeOwnPassword } from "@/lib/server/users/change-own-password";
import { createUser } from "@/lib/server/users/create-user";
import { deactivateUser } from "@/lib/server/users/deactivate-user";
import { reactivateUser } from "@/lib/server/users/reactivate-user";
import { resetUserPassword } from "@/lib/server/users/reset-user-password";
import { updateUser } from "@/lib/server/users/update-user";
import { createReportingYear } from "@/lib/server/years/create-reporting-year";
import { updateReportingYear } from "@/lib/server/years/update-reporting-year";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let admin: { id: string; role: "ADMIN" };

beforeAll(async () => {
  ctx = await freshDatabase("govreports_admin");
  const a = await ctx.db.user.create({ data: { username: "admin", displayName: "管理员", role: "ADMIN", passwordHash: await bcrypt.hash("Admin#Pass-2026", 4) } });
  admin = { id: a.id, role: "ADMIN" };
  for (const r of [
    { code: "640000", name: "宁夏回族自治区", parentCode: "" },
    { code: "640100", name: "银川市", parentCode: "640000" },
    { code: "640122", name: "贺兰县", parentCode: "640100" },
    { code: "640200", name: "石嘴山市", parentCode: "640000" },
    { code: "640205", name: "惠农区", parentCode: "640200" },
  ])
    expect(await createRegion(ctx.db, admin, r)).toMatchObject({ ok: true });
  for (const a of [
    { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP", regionCode: "640122" },
    { code: "640122101000", name: "贺兰县金贵镇", kind: "TOWNSHIP", regionCode: "640122" },
    { code: "640205100000", name: "惠农区某街道", kind: "TOWNSHIP", regionCode: "640205" },
  ])
    expect(await createAgency(ctx.db, admin, a)).toMatchObject({ ok: true });
});
afterAll(async () => ctx?.drop());

const agency = (code: string) => ctx.db.agency.findUniqueOrThrow({ where: { code } });

describe("regions", () => {
  it("puts a region under the parent one level up, and refuses a wrong parent or an unknown one", async () => {
    const region = await ctx.db.region.findUniqueOrThrow({ where: { code: "640122" } });
    expect(region).toMatchObject({ level: "COUNTY", parentCode: "640100", path: "640000/640100/640122/" });
    expect(await createRegion(ctx.db, admin, { code: "640181", name: "灵武市", parentCode: "640000" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { parentCode: "县级地区 640181 的上级应为市级地区 640100。" },
    });
    expect(await createRegion(ctx.db, admin, { code: "650102", name: "天山区", parentCode: "650100" })).toMatchObject({ ok: false, message: "上级地区 650100 尚未建立，请先建立上级地区。" });
    expect(await createRegion(ctx.db, admin, { code: "64012", name: "x", parentCode: "" })).toMatchObject({ ok: false, fieldErrors: { code: expect.stringContaining("6 位") } });
  });

  it("deletes an unused region but only deactivates one with agencies, audited old → new", async () => {
    expect(await deleteRegion(ctx.db, admin, "640122")).toMatchObject({ ok: false, status: 409 });
    expect(await updateRegion(ctx.db, admin, { code: "640122", name: "贺兰县", active: false })).toEqual({ ok: true });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "region.update", entityId: "640122" } });
    expect(audit.details).toEqual({ changes: { active: [true, false] } });
    expect(audit.actorId).toBe(admin.id);
    await updateRegion(ctx.db, admin, { code: "640122", name: "贺兰县", active: true });
    expect(await createRegion(ctx.db, admin, { code: "640300", name: "吴忠市", parentCode: "640000" })).toMatchObject({ ok: true });
    expect(await deleteRegion(ctx.db, admin, "640300")).toEqual({ ok: true });
    expect(await ctx.db.region.findUnique({ where: { code: "640300" } })).toBeNull();
  });
});

describe("agencies", () => {
  it("checks the code pattern of each kind, and deletes only an agency without reports or users", async () => {
    expect(await createAgency(ctx.db, admin, { code: "6401221", name: "x镇", kind: "TOWNSHIP", regionCode: "640122" })).toMatchObject({ ok: false, fieldErrors: { code: expect.stringContaining("12 位") } });
    expect(await createAgency(ctx.db, admin, { code: "640205200000", name: "x镇", kind: "TOWNSHIP", regionCode: "640122" })).toMatchObject({
      ok: false,
      fieldErrors: { code: "乡镇代码应以所属县级地区代码 640122 开头。" },
    });
    expect(await createAgency(ctx.db, admin, { code: "640122100000", name: "重复", kind: "TOWNSHIP", regionCode: "640122" })).toMatchObject({ ok: false, status: 409 });
    const created = await createAgency(ctx.db, admin, { code: "640122-jyj", name: "贺兰县教育局", kind: "DEPARTMENT", regionCode: "640122" });
    if (!created.ok) throw new Error(created.message);
    expect(await deleteAgency(ctx.db, admin, created.id)).toEqual({ ok: true });

    const xigang = await agency("640122100000");
    await ctx.db.report.create({ data: { agencyId: xigang.id, year: 2024, template: "T2021" } });
    expect(await deleteAgency(ctx.db, admin, xigang.id)).toMatchObject({ ok: false, status: 409 });
    expect(await updateAgency(ctx.db, admin, { id: xigang.id, code: "640122100001", name: xigang.name, kind: "TOWNSHIP", regionCode: "640122", active: true })).toMatchObject({ ok: false, status: 409 });
    expect(await updateAgency(ctx.db, admin, { id: xigang.id, code: xigang.code, name: xigang.name, kind: "TOWNSHIP", regionCode: "640122", active: false })).toEqual({ ok: true });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "agency.update", entityId: xigang.id } });
    expect(audit.details).toEqual({ code: "640122100000", changes: { active: [true, false] } });
    await updateAgency(ctx.db, admin, { id: xigang.id, code: xigang.code, name: xigang.name, kind: "TOWNSHIP", regionCode: "640122", active: true });
  });
});

describe("users and passwords", () => {
  it("creates a clerk with a one-time password that must be changed, and a reset forces a change again", async () => {
    const created = await createUser(ctx.db, admin, { username: "clerk-a", displayName: "经办人甲", role: "CLERK", scopeCode: "640122100000" });
    if (!created.ok) throw new Error(created.message);
    const stored = await ctx.db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ mustChangePassword: true, agencyId: (await agency("640122100000")).id });
    expect((await verifyCredentials(ctx.db, "clerk-a", created.oneTimePassword, { clientAddress: "127.0.0.1" })).ok).toBe(true);

    // right after the reset no current password is needed; the policy still applies
    expect(await changeOwnPassword(ctx.db, { id: created.id }, { currentPassword: "", newPassword: "short", confirmPassword: "short" })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: "密码至少 10 个字符。" },
    });
    expect(await changeOwnPassword(ctx.db, { id: created.id }, { currentPassword: "", newPassword: "password123", confirmPassword: "password123" })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: expect.stringContaining("常见") },
    });
    expect(await changeOwnPassword(ctx.db, { id: created.id }, { currentPassword: "", newPassword: "Xigang-Report-2026", confirmPassword: "Xigang-Report-2026" })).toEqual({ ok: true });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(false);

    // now the current password is required
    expect(await changeOwnPassword(ctx.db, { id: created.id }, { currentPassword: "", newPassword: "Another-Pass-2026", confirmPassword: "Another-Pass-2026" })).toMatchObject({ ok: false, fieldErrors: { currentPassword: "请输入当前密码。" } });
    expect(await changeOwnPassword(ctx.db, { id: created.id }, { currentPassword: "wrong-one-here", newPassword: "Another-Pass-2026", confirmPassword: "Another-Pass-2026" })).toMatchObject({ ok: false, fieldErrors: { currentPassword: "当前密码不正确。" } });

    const reset = await resetUserPassword(ctx.db, admin, created.id);
    if (!reset.ok) throw new Error(reset.message);
    expect((await verifyCredentials(ctx.db, "clerk-a", "Xigang-Report-2026", { clientAddress: "127.0.0.1" })).ok).toBe(false);
    expect((await verifyCredentials(ctx.db, "clerk-a", reset.oneTimePassword, { clientAddress: "127.0.0.1" })).ok).toBe(true);
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(true);

    const trail = await ctx.db.auditEvent.findMany({ where: { entityId: created.id } });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["user.create", "user.changePassword", "user.resetPassword"]));
    const text = JSON.stringify(trail.map((e) => e.details));
    for (const secret of [created.oneTimePassword, reset.oneTimePassword, "Xigang-Report-2026", "$2"]) expect(text).not.toContain(secret);
  });

  it("deactivates and reactivates a user (never oneself), audited", async () => {
    const u = await ctx.db.user.findUniqueOrThrow({ where: { username: "clerk-a" } });
    expect(await deactivateUser(ctx.db, admin, admin.id)).toMatchObject({ ok: false, status: 409 });
    expect(await deactivateUser(ctx.db, admin, u.id)).toEqual({ ok: true });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: u.id } })).active).toBe(false);
    expect(await reactivateUser(ctx.db, admin, u.id)).toEqual({ ok: true });
    const actions = (await ctx.db.auditEvent.findMany({ where: { entityId: u.id }, orderBy: { id: "asc" } })).map((e) => [e.action, e.details]);
    expect(actions).toContainEqual(["user.deactivate", { username: "clerk-a", changes: { active: [true, false] } }]);
    expect(actions).toContainEqual(["user.reactivate", { username: "clerk-a", changes: { active: [false, true] } }]);
    expect(await deactivateUser(ctx.db, admin, "no-such-user")).toMatchObject({ ok: false, status: 404 });
  });

  it("a clerk moved to another agency no longer sees the old one's drafts", async () => {
    const u = await ctx.db.user.findUniqueOrThrow({ where: { username: "clerk-a" } });
    const xigang = await agency("640122100000");
    const seen = async () => {
      const now = await ctx.db.user.findUniqueOrThrow({ where: { id: u.id } }); // as the guard re-reads it
      return ctx.db.report.findMany({ where: { agency: agenciesInScope({ role: now.role, regionCode: now.regionCode, agencyId: now.agencyId }) }, select: { agencyId: true } });
    };
    expect(await seen()).toEqual([{ agencyId: xigang.id }]);
    expect(await updateUser(ctx.db, admin, { id: u.id, displayName: "经办人甲", role: "CLERK", scopeCode: "640122101000" })).toEqual({ ok: true });
    expect(await seen()).toEqual([]);
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "user.update", entityId: u.id } });
    expect(audit.details).toEqual({ username: "clerk-a", changes: { scope: ["640122100000", "640122101000"] } });
    expect(await updateUser(ctx.db, admin, { id: u.id, displayName: "经办人甲", role: "REVIEWER", scopeCode: "640122101000" })).toMatchObject({ ok: false, fieldErrors: { scopeCode: expect.any(String) } });
    expect(await updateUser(ctx.db, admin, { id: admin.id, displayName: "管理员", role: "CLERK", scopeCode: "640122101000" })).toMatchObject({ ok: false, status: 409 });
  });

  it("a province reviewer's scope is the whole subtree; a county reviewer's only the county", async () => {
    const province = await createUser(ctx.db, admin, { username: "reviewer-nx", displayName: "自治区", role: "REVIEWER", scopeCode: "640000" });
    const county = await createUser(ctx.db, admin, { username: "reviewer-hl", displayName: "贺兰县", role: "REVIEWER", scopeCode: "640122" });
    if (!province.ok || !county.ok) throw new Error("create failed");
    const codes = async (id: string) => {
      const u = await ctx.db.user.findUniqueOrThrow({ where: { id } });
      return (await ctx.db.agency.findMany({ where: agenciesInScope(u), orderBy: { code: "asc" } })).map((a) => a.code);
    };
    expect(await codes(province.id)).toEqual(["640122100000", "640122101000", "640205100000"]);
    expect(await codes(county.id)).toEqual(["640122100000", "640122101000"]);
    expect(await createUser(ctx.db, admin, { username: "x-admin", displayName: "x", role: "ADMIN", scopeCode: "640000" })).toMatchObject({ ok: false, fieldErrors: { scopeCode: "管理员不设范围，请留空。" } });
  });

  it("the scope rule's three views (a Prisma filter, one agency, the dashboard's path prefix) agree for every kind of user", async () => {
    const agencies = await ctx.db.agency.findMany({ include: { region: { select: { path: true } } }, orderBy: { code: "asc" } });
    const xigang = agencies.find((a) => a.code === "640122100000")!;
    const users = [
      { role: "ADMIN", regionCode: null, agencyId: null },
      { role: "REVIEWER", regionCode: "640000", agencyId: null },
      { role: "REVIEWER", regionCode: "640122", agencyId: null },
      { role: "REVIEWER", regionCode: null, agencyId: null },
      { role: "CLERK", regionCode: null, agencyId: xigang.id },
      { role: "CLERK", regionCode: null, agencyId: null },
    ] as const;
    const expected = [agencies.length, 3, 2, 0, 1, 0];
    for (const [i, u] of users.entries()) {
      const filtered = (await ctx.db.agency.findMany({ where: agenciesInScope(u), select: { id: true } })).map((a) => a.id);
      expect(filtered.length, `${u.role} ${u.regionCode}`).toBe(expected[i]);
      const prefix = regionScopePrefix(u);
      for (const a of agencies) {
        expect(agencyInScope(u, a), `${u.role} ${u.regionCode} ${a.code}`).toBe(filtered.includes(a.id));
        if (u.role !== "CLERK") expect(prefix !== null && a.region.path.startsWith(prefix)).toBe(filtered.includes(a.id));
      }
    }
    expect(regionScopePrefix(users[4])).toBeNull();
  });
});

describe("reporting years", () => {
  it("creates a year and changes deadline and state, the template only while the year has no reports", async () => {
    expect(await createReportingYear(ctx.db, admin, { year: 2025, template: "2021", deadline: "2026-01-31", open: true })).toMatchObject({ ok: true });
    expect(await updateReportingYear(ctx.db, admin, { year: 2025, template: "2021", deadline: "2026-02-15", open: false })).toEqual({ ok: true });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "reportingYear.update", entityId: "2025" } });
    expect(audit.details).toEqual({ changes: { deadline: ["2026-01-31", "2026-02-15"], open: [true, false] } });
    await ctx.db.reportingYear.create({ data: { year: 2024, template: "T2021" } });
    expect(await updateReportingYear(ctx.db, admin, { year: 2024, template: "2019", deadline: "", open: true })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("only administrators", () => {
  it("every administration operation refuses a clerk and a reviewer before doing anything", async () => {
    const before = await ctx.db.auditEvent.count();
    const u = await ctx.db.user.findUniqueOrThrow({ where: { username: "clerk-a" } });
    for (const role of ["CLERK", "REVIEWER"] as const) {
      const actor = { id: u.id, role };
      const calls = [
        () => createRegion(ctx.db, actor, { code: "640400", name: "x", parentCode: "640000" }),
        () => updateRegion(ctx.db, actor, { code: "640122", name: "x", active: false }),
        () => deleteRegion(ctx.db, actor, "640205"),
        () => createAgency(ctx.db, actor, { code: "640122-x", name: "x", kind: "DEPARTMENT", regionCode: "640122" }),
        () => updateAgency(ctx.db, actor, { id: "x", code: "640122-x", name: "x", kind: "DEPARTMENT", regionCode: "640122", active: true }),
        () => deleteAgency(ctx.db, actor, "x"),
        () => createUser(ctx.db, actor, { username: "evil", displayName: "x", role: "ADMIN", scopeCode: "" }),
        () => updateUser(ctx.db, actor, { id: u.id, displayName: "x", role: "ADMIN", scopeCode: "" }),
        () => deactivateUser(ctx.db, actor, admin.id),
        () => reactivateUser(ctx.db, actor, u.id),
        () => resetUserPassword(ctx.db, actor, admin.id),
        () => createReportingYear(ctx.db, actor, { year: 2030, template: "2021", deadline: "", open: true }),
        () => updateReportingYear(ctx.db, actor, { year: 2025, template: "2021", deadline: "", open: true }),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ status: 403 });
      await expect(calls[0]()).rejects.toBeInstanceOf(AccessDeniedError);
    }
    expect(await ctx.db.auditEvent.count()).toBe(before);
    expect(await ctx.db.user.findUnique({ where: { username: "evil" } })).toBeNull();
  });
});

describe("password policy", () => {
  it("refuses short, common and username-containing passwords", () => {
    expect(passwordProblem("Abcdef#12")).toContain("至少 10");
    expect(passwordProblem("1234567890")).toContain("常见");
    expect(passwordProblem("Password123!")).toContain("常见");
    expect(passwordProblem("qwertyuiop")).toContain("常见");
    expect(passwordProblem("aaaaaaaaaaaa")).toBeTruthy();
    expect(passwordProblem("clerk-xigang-2026", { username: "clerk-xigang" })).toContain("用户名");
    expect(passwordProblem("Helan-Report-2026")).toBeNull();
  });
});
