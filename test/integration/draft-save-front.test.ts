// The draft save answered in front of Next (lib/server/reports/draft-save-front.ts) over real
// HTTP on a real database, as the app's processes serve it: many clerks saving at once, each
// save exactly one version and one audit record, and of saves racing on one version exactly one
// through. The checks themselves are the route's (test/integration/draft-save-route.test.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./db-helpers";

vi.mock("server-only", () => ({}));

const SECRET = "draft-front-test-secret-0123456789abcdef";
const CLERKS = 8;
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let server: http.Server;
let base: string;
const clerks: { id: string; reportId: string; cookie: string }[] = [];

beforeAll(async () => {
  ctx = await freshDatabase("govreports_draftfront");
  process.env.DATABASE_URL = ctx.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
  const db = ctx.db;
  await db.region.create({ data: { code: "640122", name: "贺兰县", level: "COUNTY", path: "640122/" } });
  await db.reportingYear.create({ data: { year: 2023, template: "T2021", open: true } });
  const { createReport } = await import("@/lib/server/reports/create-report");
  for (let i = 0; i < CLERKS; i++) {
    const a = await db.agency.create({ data: { code: `6401221${String(i).padStart(2, "0")}000`, name: `贺兰县单位${i}`, kind: "TOWNSHIP", regionCode: "640122" } });
    const u = await db.user.create({ data: { username: `c${i}`, displayName: `经办人${i}`, role: "CLERK", passwordHash: "x", agencyId: a.id } });
    const r = await createReport(db, { id: u.id, username: u.username, displayName: u.displayName, role: "CLERK", regionCode: null, agencyId: a.id, mustChangePassword: false }, { year: 2023 });
    if (!r.ok) throw new Error("createReport");
    const token = await encode({ secret: SECRET, token: { uid: u.id, username: u.username, role: u.role, sv: u.sessionVersion, agencyId: a.id, regionCode: null } });
    clerks.push({ id: u.id, reportId: r.reportId, cookie: `next-auth.session-token=${token}` });
  }
  const { handleDraftSave } = await import("@/lib/server/reports/draft-save-front");
  server = http.createServer((req, res) => void handleDraftSave(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  const { db } = await import("@/lib/server/db");
  await db.$disconnect();
  await ctx?.drop();
});

async function save(cookie: string, body: unknown, address = "10.2.0.1") {
  // the address as the preload in front of Next writes it (scripts/lib/trusted-client-address.cjs)
  const res = await fetch(`${base}/api/drafts`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-forwarded-for": address }, body: JSON.stringify(body) });
  const json = (await res.json()) as { ok: boolean; status: number; message: string; data?: { version: number } };
  expect(json.status).toBe(res.status);
  return { res, json };
}

const state = async (reportId: string) => {
  const r = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } });
  const cell = await ctx.db.reportCell.findUnique({ where: { reportId_section_row_column: { reportId, section: "applications", row: "received", column: "naturalPerson" } } });
  const audited = await ctx.db.auditEvent.count({ where: { reportId, action: "report.saved" } });
  return { version: r.version, value: cell?.value == null ? null : Number(cell.value), audited };
};

describe("POST /api/drafts in front of Next", () => {
  it("answers with the API's security headers, uncompressed, and refuses no session as the route does", async () => {
    const { res, json } = await save("", { reportId: clerks[0]!.reportId, expectedVersion: 1, entries: {} });
    expect(json).toMatchObject({ ok: false, status: 401 });
    expect(json.message).toMatch(/^登录已过期，未保存。/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-encoding")).toBeNull();
  });

  it("saves every clerk's saves at once: the last value, one version and one audit record per save", async () => {
    const before = await Promise.all(clerks.map((c) => state(c.reportId)));
    const SAVES = 5;
    await Promise.all(
      clerks.map(async (c, i) => {
        let version = before[i]!.version;
        for (let n = 1; n <= SAVES; n++) {
          const { json } = await save(c.cookie, { reportId: c.reportId, expectedVersion: version, entries: { applications: { received: { naturalPerson: i * 100 + n } } } }, `10.2.1.${i + 1}`);
          expect(json).toMatchObject({ ok: true, status: 200, data: { version: version + 1 } });
          version = json.data!.version;
        }
      }),
    );
    const after = await Promise.all(clerks.map((c) => state(c.reportId)));
    after.forEach((s, i) => expect(s).toEqual({ version: before[i]!.version + SAVES, value: i * 100 + SAVES, audited: before[i]!.audited + SAVES }));
  });

  it("lets exactly one of ten simultaneous saves of one version through, audited once", async () => {
    const c = clerks[0]!;
    const before = await state(c.reportId);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, k) => save(c.cookie, { reportId: c.reportId, expectedVersion: before.version, entries: { applications: { received: { naturalPerson: 1000 + k } } } })),
    );
    const statuses = answers.map((a) => a.json.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const winner = answers.findIndex((a) => a.json.ok);
    expect(await state(c.reportId)).toEqual({ version: before.version + 1, value: 1000 + winner, audited: before.audited + 1 });
  });

  it("refuses a body past the limit (413) and a malformed one (400), saving nothing", async () => {
    const c = clerks[1]!;
    const before = await state(c.reportId);
    const big = await fetch(`${base}/api/drafts`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: c.cookie, "x-forwarded-for": "10.2.2.1" },
      body: new ReadableStream({
        start(ctrl) {
          ctrl.enqueue(new TextEncoder().encode(`{"reportId":"${c.reportId}","x":"${"a".repeat(5 * 1024 * 1024)}"}`));
          ctrl.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(big.status).toBe(413);
    expect((await save(c.cookie, "{not json", "10.2.2.2")).json).toMatchObject({ ok: false, status: 400 });
    expect(await state(c.reportId)).toEqual(before);
  });
});
