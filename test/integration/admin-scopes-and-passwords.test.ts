// The administrator's user form, on the server: scopes searched in the region → agency tree and
// validated from the database, the e-mail address, and the one-time passwords handed out once
// (CSV, printable slips) to the administrator who created the accounts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessDeniedError } from "@/lib/auth/access-denied";
import { confirmOnboarding } from "@/lib/server/onboarding/confirm-onboarding";
import { previewOnboarding } from "@/lib/server/onboarding/preview-onboarding";
import { createRegion } from "@/lib/server/regions/create-region";
import { createUser } from "@/lib/server/users/create-user";
import { ONE_TIME_PASSWORD_TTL_MS } from "@/lib/server/users/one-time-password-vault";
import { searchScopes, SCOPE_OPTION_LIMIT } from "@/lib/server/users/search-scopes";
import { takeOneTimePasswords } from "@/lib/server/users/take-one-time-passwords";
import { updateUser } from "@/lib/server/users/update-user";
import { updateNoticeSettings } from "@/lib/server/users/update-notice-settings";
import { adminAndHelanCounty, freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let admin: { id: string; role: "ADMIN" };
let otherAdmin: { id: string; role: "ADMIN" };
const savedSecret = process.env.NEXTAUTH_SECRET;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = "integration-secret-for-one-time-passwords-0123456789";
  ctx = await freshDatabase("govreports_scopes");
  admin = await adminAndHelanCounty(ctx.db);
  const o = await ctx.db.user.create({ data: { username: "admin2", displayName: "第二管理员", role: "ADMIN", passwordHash: "x" } });
  otherAdmin = { id: o.id, role: "ADMIN" };
  expect(await createRegion(ctx.db, admin, { code: "640121", name: "永宁县", parentCode: "640100" })).toMatchObject({ ok: true });
  // a county of 300 agencies, as onboarding makes them: 金贵镇 among them, one agency inactive
  await ctx.db.agency.createMany({
    data: [
      { code: "640122101000", name: "贺兰县金贵镇", kind: "TOWNSHIP", regionCode: "640122" },
      { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP", regionCode: "640122" },
      { code: "640122-old", name: "贺兰县撤并局", kind: "DEPARTMENT", regionCode: "640122", active: false },
      { code: "640121100000", name: "永宁县杨和镇", kind: "TOWNSHIP", regionCode: "640121" },
      ...Array.from({ length: 298 }, (_, i) => ({ code: `640122-d${String(i).padStart(3, "0")}`, name: `贺兰县第${i + 1}局`, kind: "DEPARTMENT" as const, regionCode: "640122" })),
    ],
  });
});
afterAll(async () => {
  process.env.NEXTAUTH_SECRET = savedSecret;
  if (savedSecret === undefined) delete process.env.NEXTAUTH_SECRET;
  await ctx?.drop();
});

describe("范围: searched in the region → agency tree", () => {
  it("finds an agency by part of its name, with its path, among a county's 300", async () => {
    const r = await searchScopes(ctx.db, admin, { role: "CLERK", q: "金贵" });
    expect(r).toEqual({ total: 1, options: [{ code: "640122101000", path: ["宁夏回族自治区", "银川市", "贺兰县", "金贵镇"] }] });
    // every word must match: the agency's name or a region above it
    expect((await searchScopes(ctx.db, admin, { role: "CLERK", q: "银川 习岗" })).options.map((o) => o.code)).toEqual(["640122100000"]);
    expect((await searchScopes(ctx.db, admin, { role: "CLERK", q: "永宁 习岗" })).total).toBe(0);
    // by code
    expect((await searchScopes(ctx.db, admin, { role: "CLERK", q: "640121100000" })).options).toEqual([
      { code: "640121100000", path: ["宁夏回族自治区", "银川市", "永宁县", "杨和镇"] },
    ]);
  });

  it("sends a bounded page of a large county, and never an inactive agency", async () => {
    const r = await searchScopes(ctx.db, admin, { role: "CLERK", q: "贺兰" });
    expect(r.total).toBe(300); // 301 under 贺兰县, one inactive
    expect(r.options).toHaveLength(SCOPE_OPTION_LIMIT);
    expect((await searchScopes(ctx.db, admin, { role: "CLERK", q: "撤并" })).total).toBe(0);
    expect((await searchScopes(ctx.db, admin, { role: "CLERK", q: "" })).options).toHaveLength(SCOPE_OPTION_LIMIT);
  });

  it("offers regions to a 审核人, with their path", async () => {
    const r = await searchScopes(ctx.db, admin, { role: "REVIEWER", q: "贺兰" });
    expect(r.options).toEqual([{ code: "640122", path: ["宁夏回族自治区", "银川市", "贺兰县"] }]);
    // a city lists its counties too (they match through their parent)
    expect((await searchScopes(ctx.db, admin, { role: "REVIEWER", q: "银川" })).options.map((o) => o.code)).toEqual(["640100", "640121", "640122"]);
    expect(await searchScopes(ctx.db, admin, { role: "ADMIN", q: "贺兰" })).toEqual({ options: [], total: 0 });
  });

  it("answers administrators only", async () => {
    for (const role of ["CLERK", "REVIEWER"] as const)
      await expect(searchScopes(ctx.db, { id: admin.id, role }, { role: "CLERK", q: "贺兰" })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("still validates the scope from the database: a clerk gets an existing active agency, a reviewer an existing region", async () => {
    const base = { displayName: "经办人", email: "" };
    expect(await createUser(ctx.db, admin, { ...base, username: "c-none", role: "CLERK", scopeCode: "640122999000" })).toMatchObject({
      ok: false,
      fieldErrors: { scopeCode: "单位 640122999000 不存在。" },
    });
    expect(await createUser(ctx.db, admin, { ...base, username: "c-old", role: "CLERK", scopeCode: "640122-old" })).toMatchObject({
      ok: false,
      fieldErrors: { scopeCode: expect.stringContaining("已停用") },
    });
    // a region code is no agency
    expect(await createUser(ctx.db, admin, { ...base, username: "c-region", role: "CLERK", scopeCode: "640122" })).toMatchObject({ ok: false, fieldErrors: { scopeCode: expect.any(String) } });
    // an agency code is no region
    expect(await createUser(ctx.db, admin, { ...base, username: "r-agency", role: "REVIEWER", scopeCode: "640122101000" })).toMatchObject({ ok: false, fieldErrors: { scopeCode: expect.any(String) } });
    expect(await createUser(ctx.db, admin, { ...base, username: "r-none", role: "REVIEWER", scopeCode: "640199" })).toMatchObject({ ok: false, fieldErrors: { scopeCode: "地区 640199 不存在。" } });
    // nothing picked
    expect(await createUser(ctx.db, admin, { ...base, username: "c-empty", role: "CLERK", scopeCode: "" })).toMatchObject({
      ok: false,
      fieldErrors: { scopeCode: "请从列表中选择填报人所属的单位。" },
    });
    expect(await ctx.db.user.count({ where: { username: { in: ["c-none", "c-old", "c-region", "r-agency", "r-none", "c-empty"] } } })).toBe(0);
    const ok = await createUser(ctx.db, admin, { ...base, username: "c-jingui", role: "CLERK", scopeCode: "640122101000" });
    expect(ok).toMatchObject({ ok: true, scopeName: "贺兰县金贵镇" });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { username: "c-jingui" }, include: { agency: true } })).agency?.code).toBe("640122101000");
  });
});

describe("电子邮箱 in the administrator's user form", () => {
  it("is validated, stored, changed and audited; whether notices are e-mailed stays the user's choice", async () => {
    const bad = await createUser(ctx.db, admin, { username: "mail-bad", displayName: "甲", email: "not-an-address", role: "ADMIN", scopeCode: "" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { email: expect.stringContaining("有效的电子邮箱") } });
    const made = await createUser(ctx.db, admin, { username: "mail-ok", displayName: "甲", email: " jia@example.gov.cn ", role: "ADMIN", scopeCode: "" });
    if (!made.ok) throw new Error(made.message);
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ email: "jia@example.gov.cn", emailNotices: true });

    // the user turns e-mail off on /account; the administrator's change of address keeps that
    expect(await updateNoticeSettings(ctx.db, { id: made.id }, { email: "jia@example.gov.cn", emailNotices: false })).toEqual({ ok: true });
    expect(await updateUser(ctx.db, admin, { id: made.id, displayName: "甲", email: "jia2@example.gov.cn", role: "ADMIN", scopeCode: "" })).toEqual({ ok: true });
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ email: "jia2@example.gov.cn", emailNotices: false });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "user.update", entityId: made.id }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ changes: { email: ["jia@example.gov.cn", "jia2@example.gov.cn"] } });
    // an update without the field leaves the address; an empty one removes it
    expect(await updateUser(ctx.db, admin, { id: made.id, displayName: "甲乙", role: "ADMIN", scopeCode: "" })).toEqual({ ok: true });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: made.id } })).email).toBe("jia2@example.gov.cn");
    expect(await updateUser(ctx.db, admin, { id: made.id, displayName: "甲乙", email: "", role: "ADMIN", scopeCode: "" })).toEqual({ ok: true });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: made.id } })).email).toBeNull();
    expect(await updateUser(ctx.db, admin, { id: made.id, displayName: "甲乙", email: "a@b", role: "ADMIN", scopeCode: "" })).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
  });
});

describe("one-time passwords: downloadable once", () => {
  async function newClerk(username: string) {
    const r = await createUser(ctx.db, admin, { username, displayName: "新经办人", role: "CLERK", scopeCode: "640122100000" });
    if (!r.ok) throw new Error(r.message);
    expect(r.downloadId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    return r as typeof r & { downloadId: string };
  }

  it("gives the CSV once and the slips once, to the administrator who created the account, then deletes them", async () => {
    const made = await newClerk("otp-once");
    // kept sealed: the row does not hold the password in clear
    const row = await ctx.db.oneTimePasswordBatch.findUniqueOrThrow({ where: { id: made.downloadId } });
    expect(Buffer.from(row.sealed).toString("latin1")).not.toContain(made.oneTimePassword);
    expect(Buffer.from(row.sealed).toString("utf8")).not.toContain("otp-once");
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(ONE_TIME_PASSWORD_TTL_MS + 1000);

    // another administrator: as if there were no such batch
    expect(await takeOneTimePasswords(ctx.db, otherAdmin, made.downloadId, "csv")).toMatchObject({ ok: false, status: 404 });
    await expect(takeOneTimePasswords(ctx.db, { id: admin.id, role: "REVIEWER" }, made.downloadId, "csv")).rejects.toBeInstanceOf(AccessDeniedError);

    const csv = await takeOneTimePasswords(ctx.db, admin, made.downloadId, "csv");
    expect(csv).toMatchObject({ ok: true, accounts: [{ username: "otp-once", displayName: "新经办人", scopeName: "贺兰县习岗镇", oneTimePassword: made.oneTimePassword }] });
    expect(await takeOneTimePasswords(ctx.db, admin, made.downloadId, "csv")).toMatchObject({ ok: false, status: 410, message: expect.stringContaining("不能再次获取") });
    expect(await ctx.db.oneTimePasswordBatch.count({ where: { id: made.downloadId } })).toBe(1);
    expect(await takeOneTimePasswords(ctx.db, admin, made.downloadId, "slips")).toMatchObject({ ok: true, accounts: [{ oneTimePassword: made.oneTimePassword }] });
    // both forms taken: nothing is left to take
    expect(await ctx.db.oneTimePasswordBatch.count({ where: { id: made.downloadId } })).toBe(0);
    expect(await takeOneTimePasswords(ctx.db, admin, made.downloadId, "slips")).toMatchObject({ ok: false, status: 404 });

    // audited, without the password
    const audits = await ctx.db.auditEvent.findMany({ where: { action: "user.oneTimePasswordsDownload", actorId: admin.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.details)).toEqual([
      { format: "CSV", count: 1, usernames: ["otp-once"] },
      { format: "打印密码条", count: 1, usernames: ["otp-once"] },
    ]);
    const everyRecord = await ctx.db.auditEvent.findMany({ select: { details: true } });
    expect(JSON.stringify(everyRecord.map((a) => a.details))).not.toContain(made.oneTimePassword);
  });

  it("gives it to one of two requests at once", async () => {
    const made = await newClerk("otp-race");
    const results = await Promise.all([0, 1, 2].map(() => takeOneTimePasswords(ctx.db, admin, made.downloadId, "csv")));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.status === 410)).toHaveLength(2);
  });

  it("is gone after the administrator's session ends, or when it expires", async () => {
    const made = await newClerk("otp-session");
    await ctx.db.user.update({ where: { id: admin.id }, data: { sessionVersion: { increment: 1 } } }); // signed out
    expect(await takeOneTimePasswords(ctx.db, admin, made.downloadId, "csv")).toMatchObject({ ok: false, status: 410 });
    expect(await ctx.db.oneTimePasswordBatch.count({ where: { id: made.downloadId } })).toBe(0);

    const later = await newClerk("otp-expired");
    const after = new Date(Date.now() + ONE_TIME_PASSWORD_TTL_MS + 1000);
    expect(await takeOneTimePasswords(ctx.db, admin, later.downloadId, "slips", after)).toMatchObject({ ok: false, status: 410 });
    expect(await ctx.db.oneTimePasswordBatch.count({ where: { id: later.downloadId } })).toBe(0);
    // a forged id
    expect(await takeOneTimePasswords(ctx.db, admin, "'; DROP TABLE x; --", "csv")).toMatchObject({ ok: false, status: 404 });
  });

  it("is sealed with the server's secret: without it, nothing is kept for download", async () => {
    const secret = process.env.NEXTAUTH_SECRET;
    delete process.env.NEXTAUTH_SECRET;
    try {
      const r = await createUser(ctx.db, admin, { username: "otp-nosecret", displayName: "乙", role: "CLERK", scopeCode: "640122100000" });
      expect(r).toMatchObject({ ok: true, downloadId: null });
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
    // a batch sealed under another secret does not open
    const made = await newClerk("otp-rotated");
    process.env.NEXTAUTH_SECRET = "another-secret-after-rotation-0123456789abcdef";
    try {
      expect(await takeOneTimePasswords(ctx.db, admin, made.downloadId, "csv")).toMatchObject({ ok: false, status: 404 });
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });

  it("keeps a county's onboarding for one download too, each slip naming the agency", async () => {
    const agencies = ["代码,名称,类型,所属地区代码", "640121101000,永宁县望远镇,乡镇,640121", "640121102000,永宁县李俊镇,乡镇,640121"].join("\r\n");
    const users = ["用户名,姓名,角色,范围", "ob-1,望远镇经办人,填报人,640121101000", "ob-2,李俊镇经办人,填报人,640121102000", "ob-rev,永宁县审核人,审核人,640121"].join("\r\n");
    const files = { agencies: { name: "a.csv", bytes: new TextEncoder().encode(agencies) }, users: { name: "u.csv", bytes: new TextEncoder().encode(users) } };
    const plan = await previewOnboarding(ctx.db, admin, files);
    expect(plan.problems).toEqual([]);
    const done = await confirmOnboarding(ctx.db, admin, files, plan.digest);
    if (!done.ok) throw new Error(done.message);
    expect(done.downloadId).toEqual(expect.any(String));
    const slips = await takeOneTimePasswords(ctx.db, admin, done.downloadId, "slips");
    if (!slips.ok) throw new Error(slips.message);
    expect(slips.accounts.map((a) => [a.username, a.scopeName, a.oneTimePassword])).toEqual(done.accounts.map((a) => [a.username, a.scopeName, a.oneTimePassword]));
    expect(slips.accounts.map((a) => a.scopeName)).toEqual(["永宁县望远镇", "永宁县李俊镇", "永宁县"]);
  });
});
