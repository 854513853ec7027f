// The editor's save route (app/api/drafts/route.ts) end to end on a real database: the session
// cookie as the browser sends it, the route's checks in order, the one-statement read and write
// of lib/server/reports/save-draft.ts, and its answer in the one result shape (lib/actions/result.ts).
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./db-helpers";

vi.mock("server-only", () => ({}));
// the request the route runs in: next/headers reads it (authorize, the rate limit)
const request = { cookie: "", address: "10.1.1.1" };
vi.mock("next/headers", () => ({
  cookies: async () => {
    const all = request.cookie
      .split("; ")
      .filter(Boolean)
      .map((p) => ({ name: p.slice(0, p.indexOf("=")), value: p.slice(p.indexOf("=") + 1) }));
    return { getAll: () => all, get: (n: string) => all.find((c) => c.name === n) };
  },
  headers: async () => new Headers({ "x-forwarded-for": request.address }),
}));

const SECRET = "draft-route-test-secret-0123456789abcdef";
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let POST: (req: Request) => Promise<Response>;
let clerkId: string;
let otherClerkId: string;
let agencyId: string;
let reportId: string;
let otherReportId: string;

async function cookieFor(userId: string): Promise<string> {
  const u = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  const token = await encode({ secret: SECRET, token: { uid: u.id, username: u.username, role: u.role, sv: u.sessionVersion, agencyId: u.agencyId, regionCode: null } });
  return `next-auth.session-token=${token}`;
}

async function save(userId: string | null, body: unknown, init: { contentType?: string; origin?: string } = {}) {
  request.cookie = userId ? await cookieFor(userId) : "";
  const headers: Record<string, string> = { "content-type": init.contentType ?? "application/json", host: "127.0.0.1:3000" };
  if (init.origin) headers.origin = init.origin;
  const res = await POST(new Request("http://127.0.0.1:3000/api/drafts", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
  const json = (await res.json()) as { ok: boolean; status: number; message: string; fieldErrors?: Record<string, string>; details?: string[]; data?: Record<string, unknown> };
  expect(json.status).toBe(res.status);
  expect(res.headers.get("content-encoding")).toBeNull();
  return json;
}

const version = async (id = reportId) => (await ctx.db.report.findUniqueOrThrow({ where: { id } })).version;
const cell = (id: string, row: string, column: string) =>
  ctx.db.reportCell.findUniqueOrThrow({ where: { reportId_section_row_column: { reportId: id, section: "applications", row, column } } });

beforeAll(async () => {
  ctx = await freshDatabase("govreports_draftroute");
  process.env.DATABASE_URL = ctx.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
  const db = ctx.db;
  await db.region.create({ data: { code: "640122", name: "贺兰县", level: "COUNTY", path: "640122/" } });
  const a = await db.agency.create({ data: { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP", regionCode: "640122" } });
  const b = await db.agency.create({ data: { code: "640122101000", name: "贺兰县金贵镇", kind: "TOWNSHIP", regionCode: "640122" } });
  agencyId = a.id;
  await db.reportingYear.create({ data: { year: 2023, template: "T2021", open: true } });
  clerkId = (await db.user.create({ data: { username: "c1", displayName: "习岗经办人", role: "CLERK", passwordHash: "x", agencyId: a.id } })).id;
  otherClerkId = (await db.user.create({ data: { username: "c2", displayName: "金贵经办人", role: "CLERK", passwordHash: "x", agencyId: b.id } })).id;
  const { createReport } = await import("@/lib/server/reports/create-report");
  const clerk = { id: clerkId, username: "c1", displayName: "习岗经办人", role: "CLERK" as const, regionCode: null, agencyId: a.id, mustChangePassword: false };
  const other = { id: otherClerkId, username: "c2", displayName: "金贵经办人", role: "CLERK" as const, regionCode: null, agencyId: b.id, mustChangePassword: false };
  const r = await createReport(db, clerk, { year: 2023 });
  const o = await createReport(db, other, { year: 2023 });
  if (!r.ok || !o.ok) throw new Error("createReport");
  reportId = r.reportId;
  otherReportId = o.reportId;
  ({ POST } = await import("@/app/api/drafts/route"));
});
afterAll(async () => {
  const { db } = await import("@/lib/server/db");
  await db.$disconnect();
  await ctx?.drop();
});
beforeEach(() => {
  request.address = `10.1.1.${Math.floor(Math.random() * 250) + 1}`;
});

describe("POST /api/drafts", () => {
  it("saves one changed cell, answers the new version and writes one audit record naming the cell", async () => {
    const v = await version();
    const r = await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 7 } } } });
    expect(r).toMatchObject({ ok: true, status: 200, data: { version: v + 1, unchanged: false } });
    expect(Number((await cell(reportId, "received", "naturalPerson")).value)).toBe(7);
    const audits = await ctx.db.auditEvent.findMany({ where: { reportId, action: "report.saved" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorId).toBe(clerkId);
    const details = audits[0]!.details as { version: number; cells: Record<string, unknown> };
    expect(details.version).toBe(v + 1);
    expect(details.cells["applications/received/naturalPerson"]).toEqual([null, 7]);
  });

  it("refuses a save against a version saved elsewhere with 409 and a Chinese message, losing nothing", async () => {
    const v = await version();
    const loaded = { applications: { received: { naturalPerson: 7 } } };
    expect(await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 8 } } }, base: loaded })).toMatchObject({ ok: true });
    const audits = await ctx.db.auditEvent.count({ where: { reportId, action: "report.saved" } });
    // a second tab still at version v
    const r = await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 9 } } }, base: loaded });
    expect(r).toMatchObject({ ok: false, status: 409, data: { version: v + 1 } });
    expect(r.message).toMatch(/^未保存：您打开之后，其他人已修改：.*自然人.*（现为第 \d+ 版，您的是第 \d+ 版）/);
    expect(Number((await cell(reportId, "received", "naturalPerson")).value)).toBe(8);
    expect(await version()).toBe(v + 1);
    expect(await ctx.db.auditEvent.count({ where: { reportId, action: "report.saved" } })).toBe(audits);
  });

  it("lets exactly one of two simultaneous saves of one version through", async () => {
    const v = await version();
    const [a, b] = await Promise.all([
      save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { commercial: 1 } } } }),
      save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { commercial: 2 } } } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await version()).toBe(v + 1);
    const kept = a.ok ? 1 : 2;
    expect(Number((await cell(reportId, "received", "commercial")).value)).toBe(kept);
  });

  it("keeps text typed in a number cell as text, the cell blank", async () => {
    const v = await version();
    const r = await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { research: "—" } } } });
    expect(r).toMatchObject({ ok: true, data: { version: v + 1 } });
    const c = await cell(reportId, "received", "research");
    expect(c.value).toBeNull();
    expect(c.text).toBe("—");
  });

  it("names a value that is neither a number nor text in fieldErrors (422), saving nothing", async () => {
    const v = await version();
    const r = await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 1.23456789 } } } });
    expect(r).toMatchObject({ ok: false, status: 422 });
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(["applications/received/naturalPerson"]);
    expect(await version()).toBe(v);
  });

  it("answers another agency's report as not found, and changes nothing", async () => {
    const v = await version(otherReportId);
    const r = await save(clerkId, { reportId: otherReportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 5 } } } });
    expect(r).toEqual({ ok: false, status: 404, message: "报告不存在。" });
    expect(await version(otherReportId)).toBe(v);
  });

  it("refuses a submitted report (409, locked) and a deactivated agency (403)", async () => {
    const v = await version();
    await ctx.db.report.update({ where: { id: reportId }, data: { status: "SUBMITTED" } });
    const locked = await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 5 } } } });
    expect(locked).toMatchObject({ ok: false, status: 409, message: "报告当前为「待审核」，不能修改。" });
    await ctx.db.report.update({ where: { id: reportId }, data: { status: "DRAFT" } });
    await ctx.db.agency.update({ where: { id: agencyId }, data: { active: false } });
    try {
      const inactive = await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 5 } } } });
      expect(inactive.status).toBe(403);
      expect(inactive.message).toMatch(/所属单位已停用/);
    } finally {
      await ctx.db.agency.update({ where: { id: agencyId }, data: { active: true } });
    }
    expect(await version()).toBe(v);
  });

  it("refuses no session, and a session ended by sign-out even though its token was decrypted before", async () => {
    expect(await save(null, { reportId, expectedVersion: 1, entries: {} })).toMatchObject({ ok: false, status: 401 });
    const v = await version();
    const cookie = await cookieFor(clerkId);
    request.cookie = cookie;
    expect(await save(clerkId, { reportId, expectedVersion: v, entries: { applications: { received: { naturalPerson: 11 } } } })).toMatchObject({ ok: true });
    // sign-out (lib/server/users/revoke-sessions.ts) bumps the session version
    const { revokeSessions } = await import("@/lib/server/users/revoke-sessions");
    await revokeSessions(ctx.db, clerkId);
    request.cookie = cookie;
    const res = await POST(
      new Request("http://127.0.0.1:3000/api/drafts", {
        method: "POST",
        headers: { "content-type": "application/json", host: "127.0.0.1:3000" },
        body: JSON.stringify({ reportId, expectedVersion: v + 1, entries: { applications: { received: { naturalPerson: 12 } } } }),
      }),
    );
    expect(res.status).toBe(401);
    expect(await version()).toBe(v + 1);
  });

  it("refuses what a browser page of this site would not send: not JSON, another origin, a malformed body", async () => {
    const body = { reportId, expectedVersion: await version(), entries: { applications: { received: { naturalPerson: 3 } } } };
    expect(await save(clerkId, body, { contentType: "text/plain" })).toMatchObject({ ok: false, status: 400, message: "请求格式不正确，未保存。" });
    expect(await save(clerkId, body, { origin: "https://evil.example" })).toMatchObject({ ok: false, status: 400 });
    expect(await save(clerkId, "{not json")).toMatchObject({ ok: false, status: 400 });
    expect(await save(clerkId, { reportId, expectedVersion: "1" })).toMatchObject({ ok: false, status: 400 });
    expect(await save(clerkId, body, { origin: "http://127.0.0.1:3000" })).toMatchObject({ ok: true, status: 200 });
  });

  it("answers a clerk over the write limit with 429 in the one shape and Retry-After, saving nothing", async () => {
    // this clerk's write counter full for this minute and the next (a save may cross the minute)
    const key = `write:user:${clerkId}`;
    await ctx.db.$executeRaw`INSERT INTO "RateLimitBucket" (key, "windowStart", count, "expiresAt")
      SELECT ${key}, w, 100000, w + interval '1 minute' FROM (SELECT date_trunc('minute', now() AT TIME ZONE 'UTC') + m * interval '1 minute' AS w FROM generate_series(0, 1) m) s
      ON CONFLICT (key, "windowStart") DO UPDATE SET count = 100000`;
    try {
      const before = await version();
      request.cookie = await cookieFor(clerkId);
      const res = await POST(
        new Request("http://127.0.0.1:3000/api/drafts", {
          method: "POST",
          headers: { "content-type": "application/json", host: "127.0.0.1:3000" },
          body: JSON.stringify({ reportId, expectedVersion: before, entries: { applications: { received: { naturalPerson: 9 } } } }),
        }),
      );
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(await res.json()).toEqual({ ok: false, status: 429, message: expect.stringContaining("操作过于频繁，请稍后再试。") });
      expect(await version()).toBe(before);
    } finally {
      await ctx.db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE key = ${key}`;
    }
  });
});
