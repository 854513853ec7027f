import { verifyPassword } from "@/lib/server/auth/password-hash";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessDeniedError } from "@/lib/auth/access-denied";
import { confirmOnboarding } from "@/lib/server/onboarding/confirm-onboarding";
import { previewOnboarding } from "@/lib/server/onboarding/preview-onboarding";
import { createRegion } from "@/lib/server/regions/create-region";
import { adminAndHelanCounty, freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let admin: { id: string; role: "ADMIN" };

const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (name: string, bytes: Uint8Array) => ({ name, bytes });

beforeAll(async () => {
  ctx = await freshDatabase("govreports_onboard");
  admin = await adminAndHelanCounty(ctx.db);
});
afterAll(async () => ctx?.drop());

function countyFiles(county: string, n: number) {
  const agencies = ["代码,名称,类型,所属地区代码"];
  const users = ["用户名,姓名,角色,范围"];
  for (let i = 0; i < n; i++) {
    const code = `${county}${String(100 + i).padStart(3, "0")}000`;
    agencies.push(`${code},测试县第${i + 1}镇,乡镇,${county}`);
    users.push(`clerk-${county}-${i + 1},第${i + 1}镇经办人,填报人,${code}`);
  }
  users.push(`reviewer-${county},县政务公开办,审核人,${county}`);
  return { agencies: agencies.join("\r\n") + "\r\n", users: users.join("\r\n") + "\r\n" };
}

describe("bulk onboarding", () => {
  it("creates a county's agencies and clerks from a GBK agencies file and a UTF-8-with-BOM users file, all at once", async () => {
    expect(await createRegion(ctx.db, admin, { code: "640121", name: "永宁县", parentCode: "640100" })).toMatchObject({ ok: true });
    const { agencies, users } = countyFiles("640121", 50);
    const files = {
      agencies: file("单位.csv", iconv.encode(agencies, "gbk")),
      users: file("用户.csv", utf8("\uFEFF" + users)),
    };
    const plan = await previewOnboarding(ctx.db, admin, files);
    expect(plan.problems).toEqual([]);
    expect(plan.encodings).toEqual({ agencies: "GBK", users: "UTF-8" });
    expect(plan.agencies.create).toHaveLength(50);
    expect(plan.agencies.create[0]).toMatchObject({ line: 2, code: "640121100000", name: "测试县第1镇", kind: "TOWNSHIP", regionName: "永宁县" });
    expect(plan.users.create).toHaveLength(51);
    expect(await ctx.db.agency.count({ where: { regionCode: "640121" } })).toBe(0); // the preview wrote nothing

    const result = await confirmOnboarding(ctx.db, admin, files, plan.digest);
    if (!result.ok) throw new Error(result.message);
    expect(result.agenciesCreated).toBe(50);
    expect(result.accounts).toHaveLength(51);
    expect(await ctx.db.agency.count({ where: { regionCode: "640121" } })).toBe(50);

    const account = result.accounts[0];
    const stored = await ctx.db.user.findUniqueOrThrow({ where: { username: account.username }, include: { agency: true } });
    expect(stored).toMatchObject({ role: "CLERK", mustChangePassword: true, active: true });
    expect(stored.agency?.code).toBe("640121100000");
    expect(stored.passwordHash).not.toContain(account.oneTimePassword);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await verifyPassword(account.oneTimePassword, stored.passwordHash)).ok).toBe(true);
    const reviewer = await ctx.db.user.findUniqueOrThrow({ where: { username: "reviewer-640121" } });
    expect(reviewer).toMatchObject({ role: "REVIEWER", regionCode: "640121", agencyId: null });

    // audited per entity, and no one-time password anywhere in the trail
    expect(await ctx.db.auditEvent.count({ where: { action: "agency.create", actorId: admin.id } })).toBe(50);
    expect(await ctx.db.auditEvent.count({ where: { action: "user.create", actorId: admin.id } })).toBe(51);
    expect(await ctx.db.auditEvent.count({ where: { action: "onboarding.import" } })).toBe(1);
    const trail = JSON.stringify((await ctx.db.auditEvent.findMany()).map((e) => e.details));
    for (const a of result.accounts) expect(trail).not.toContain(a.oneTimePassword);
    expect(trail).not.toContain(stored.passwordHash);

    // a second confirm of the same files finds every user already there and writes nothing
    const again = await confirmOnboarding(ctx.db, admin, files, plan.digest);
    expect(again.ok).toBe(false);
    expect(await ctx.db.user.count()).toBe(52);
  });

  it("refuses a bad file naming each bad line and its reason, and writes nothing", async () => {
    const agencies = [
      "代码,名称,类型,所属地区代码",
      "640122100000,贺兰县习岗镇,乡镇,640122", // line 2: fine
      "640122101000,贺兰县金贵镇,乡镇,999999", // 3: unknown region
      "640122100000,重复的镇,乡镇,640122", // 4: duplicate of line 2
      "6401221,短代码镇,乡镇,640122", // 5: bad township code
      "640122-zrzy,贺兰县自然资源局,局,640122", // 6: unknown type
      "640122-jyj,贺兰县教育局,部门", // 7: missing column
    ].join("\n");
    const users = [
      "用户名,姓名,角色,范围",
      "clerk-ok,经办人,填报人,640122100000", // 2: fine (agency from the file)
      "clerk-bad,经办人,科长,640122100000", // 3: unknown role
      "rev-bad,审核人,审核人,640122100000", // 4: scope mismatch
      "admin,重名,管理员,", // 5: username taken in the database
      "clerk-ok,又一个,填报人,640122100000", // 6: duplicate username in the file
      "clerk-x,经办人,填报人,640122999000", // 7: unknown agency
    ].join("\n");
    const files = { agencies: file("a.csv", utf8(agencies)), users: file("u.csv", utf8(users)) };
    const before = { agencies: await ctx.db.agency.count(), users: await ctx.db.user.count(), audit: await ctx.db.auditEvent.count() };
    const plan = await previewOnboarding(ctx.db, admin, files);
    const lines = (f: string) => [...new Set(plan.problems.filter((p) => p.file === f).map((p) => p.line))];
    expect(lines("agencies")).toEqual([3, 4, 5, 6, 7]);
    expect(lines("users")).toEqual([3, 4, 5, 6, 7]);
    const text = plan.problems.map((p) => `${p.file}:${p.line}:${p.message}`).join("\n");
    expect(text).toContain("agencies:3:未知地区：所属地区代码 999999 不存在");
    expect(text).toContain("agencies:4:代码 640122100000 与第 2 行重复");
    expect(text).toContain("agencies:5:代码“6401221”格式有误");
    expect(text).toContain("agencies:6:类型应为“乡镇”或“部门”");
    expect(text).toContain("agencies:7:应有 4 列");
    expect(text).toContain("users:3:未知角色“科长”");
    expect(text).toContain("users:4:范围与角色不符");
    expect(text).toContain("users:5:用户名 admin 已存在");
    expect(text).toContain("users:6:用户名 clerk-ok 与第 2 行重复");
    expect(text).toContain("users:7:范围中的单位 640122999000 不存在");

    const result = await confirmOnboarding(ctx.db, admin, files, plan.digest);
    expect(result).toMatchObject({ ok: false });
    expect(await ctx.db.agency.count()).toBe(before.agencies);
    expect(await ctx.db.user.count()).toBe(before.users);
    expect(await ctx.db.auditEvent.count()).toBe(before.audit);
  });

  it("lists changes to known agencies, refuses confirming other files than previewed, and a broken header", async () => {
    await ctx.db.agency.create({ data: { code: "640122-zrzy", name: "自然资源局", kind: "DEPARTMENT", regionCode: "640122" } });
    const files = { agencies: file("a.csv", utf8("代码,名称,类型,所属地区代码\n640122-zrzy,贺兰县自然资源局,部门,640122\n")) };
    const plan = await previewOnboarding(ctx.db, admin, files);
    expect(plan.problems).toEqual([]);
    expect(plan.agencies.update).toMatchObject([{ line: 2, code: "640122-zrzy", changes: { name: ["自然资源局", "贺兰县自然资源局"] } }]);

    const other = { agencies: file("a.csv", utf8("代码,名称,类型,所属地区代码\n640122-zrzy,别的名字,部门,640122\n")) };
    expect(await confirmOnboarding(ctx.db, admin, other, plan.digest)).toMatchObject({ ok: false, message: "所选文件与预览时不同，请重新预览。" });
    expect((await ctx.db.agency.findUniqueOrThrow({ where: { code: "640122-zrzy" } })).name).toBe("自然资源局");

    expect(await confirmOnboarding(ctx.db, admin, files, plan.digest)).toMatchObject({ ok: true, agenciesUpdated: 1 });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "agency.update" } });
    expect(audit.details).toMatchObject({ changes: { name: ["自然资源局", "贺兰县自然资源局"] } });

    const broken = await previewOnboarding(ctx.db, admin, { users: file("u.csv", utf8("账号,姓名\nx,y\n")) });
    expect(broken.problems).toEqual([{ file: "users", line: 1, message: "第 1 行：表头应为“用户名,姓名,角色,范围”，实际为“账号,姓名”。" }]);
  });

  it("is for administrators only", async () => {
    const files = { agencies: file("a.csv", utf8("代码,名称,类型,所属地区代码\n")) };
    for (const role of ["CLERK", "REVIEWER"] as const) {
      await expect(previewOnboarding(ctx.db, { id: admin.id, role }, files)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(confirmOnboarding(ctx.db, { id: admin.id, role }, files, "x")).rejects.toBeInstanceOf(AccessDeniedError);
    }
  });
});
