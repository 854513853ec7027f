// Runs every case of the authorization matrix (e2e/authorization-matrix.ts) against the built
// app over real HTTP, as each actor: anonymous, clerk of the agency, clerk of another agency,
// reviewer of the region, reviewer of another region, administrator.
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { ACTION_FIXTURES, ACTOR_ACCOUNTS, ACTORS, type Actor, type ActionCase, FIXTURES, fixtureId, MATRIX, type MatrixRow, type Outcome } from "./authorization-matrix";
import { apiSignIn, ensureUser, withDb } from "./security-helpers";

const PASSWORD = "Matrix#Test-2026";
const port = Number(process.env.E2E_PORT || 3210);
const BASE = `http://localhost:${port}`;
const HOME: Record<string, string> = { ADMIN: "/admin", REVIEWER: "/review", CLERK: "/workspace" };

const sql = (text: string, params: unknown[] = []) => withDb(async (c) => (await c.query(text, params)).rows as unknown[]);

async function ensureReport(f: { code: string; year: number; state: string }) {
  if (f.state === "PUBLISHED") return; // the demo seed publishes 习岗镇 2020
  await sql(
    `INSERT INTO "Report" (id, "agencyId", year, template, status, "updatedAt")
     SELECT 'matrix_' || md5(a.code || $2::text), a.id, $2::int, (SELECT template FROM "ReportingYear" WHERE year = $2::int), $3::"ReportStatus", now()
     FROM "Agency" a WHERE a.code = $1
     ON CONFLICT ("agencyId", year) DO UPDATE SET status = EXCLUDED.status`,
    [f.code, f.year, f.state],
  );
}

async function classify(actor: Actor, requested: string, status: number, finalUrl: string): Promise<string> {
  if (status === 404) return "notFound";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 405) return "methodNotAllowed";
  if (status === 400) return "badRequest";
  const finalPath = new URL(finalUrl).pathname;
  const requestedPath = new URL(requested, BASE).pathname;
  if (finalPath !== requestedPath) {
    if (finalPath === "/login") return "login";
    if (finalPath === "/forbidden") return "forbidden";
    if (actor !== "anonymous" && finalPath === HOME[ACTOR_ACCOUNTS[actor].role]) return "home";
  }
  if (status === 200 && finalPath === requestedPath) return "ok";
  return `unexpected ${status} at ${finalPath}`;
}

/**
 * Finds a server action in the build's manifest by its file and exported name: its id, and a
 * page whose worker holds it (the case's own page when it is one; dynamic segments filled with
 * a placeholder: the action runs before the page, whatever the params).
 */
function actionTarget(route: string, preferredPage: string): { id: string; page: string } {
  const [file, name] = route.replace(/^action:/, "").split("#");
  const manifest = JSON.parse(fs.readFileSync(path.join(".next/server/server-reference-manifest.json"), "utf8"));
  for (const [id, entry] of Object.entries<{ filename?: string; exportedName?: string; workers?: Record<string, unknown> }>({ ...manifest.node, ...manifest.edge })) {
    const filename = String(entry.filename ?? "");
    if (entry.exportedName !== name || !(filename === file || filename.endsWith(`/${file}`))) continue;
    const pages = Object.keys(entry.workers ?? {})
      .filter((w) => w.endsWith("/page"))
      .map((w) => `/${w.replace(/^app\//, "").replace(/\/?page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/")}`);
    const page = pages.includes(preferredPage) ? preferredPage : (pages.find((p) => !p.includes("[")) ?? pages[0]?.replace(/\[[^\]]+\]/g, "matrix-any") ?? preferredPage);
    return { id, page };
  }
  throw new Error(`server action ${route} is not in .next/server/server-reference-manifest.json (is the app built?)`);
}

/**
 * Posts a server action as React's client does: JSON arguments as text, or, for a
 * FormData action, multipart with field "0" holding the arguments (`args`, then the FormData) and the
 * form's fields prefixed "_1_" (the FormData argument is the reference "$K1"; the React 19.2
 * that Next 16 bundles reads a referenced FormData's entries from keys "_<id>_<name>").
 */
/**
 * A request, sent again once when the connection was reset before an answer: a kept-alive
 * connection that the server closes as the request goes out (Node's keep-alive timeout, more
 * often on a busy machine) is a transport accident, not an outcome of the matrix. Every case
 * is safe to repeat: a refused one changes nothing, an allowed one is refused the second time
 * by its stale version.
 */
async function sendOnce<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
    return send();
  }
}

function postAction(ctx: APIRequestContext, page: string, id: string, a: Pick<ActionCase, "args" | "form">) {
  const headers = { "Next-Action": id, Accept: "text/x-component" };
  if (a.form) {
    // the form's entries first and the root "0" last, as the browser sends them: the server
    // resolves "$K1" as soon as "0" arrives, taking only the entries already received
    const fields: [string, string][] = [...Object.entries(a.form).map(([k, v]): [string, string] => [`_1_${k}`, v]), ["0", JSON.stringify([...a.args, "$K1"])]];
    const boundary = "----matrix" + Date.now().toString(16);
    const body = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;
    return sendOnce(() => ctx.post(page, { headers: { ...headers, "Content-Type": `multipart/form-data; boundary=${boundary}` }, data: Buffer.from(body, "utf8"), maxRedirects: 0 }));
  }
  return sendOnce(() => ctx.post(page, { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify(a.args), maxRedirects: 0 }));
}

const contexts = new Map<Actor, APIRequestContext>();

// once per worker: the read-only fixture reports, and each actor signed in over HTTP
test.beforeAll(async ({ playwright }) => {
  await Promise.all(Object.values(FIXTURES).map(ensureReport));
  await Promise.all(
    ACTORS.map(async (actor) => {
      const ctx = await playwright.request.newContext({ baseURL: BASE });
      if (actor !== "anonymous") {
        const a = ACTOR_ACCOUNTS[actor];
        await ensureUser({ username: a.username, password: PASSWORD, role: a.role, agencyCode: a.agencyCode, regionCode: a.regionCode });
        const r = await apiSignIn(ctx, BASE, a.username, PASSWORD);
        expect(r.status(), `${actor} signs in`).toBe(200);
      }
      contexts.set(actor, ctx);
    }),
  );
});

test.afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.dispose();
  contexts.clear();
});

const expectedOf = (c: { label: string; expect: Record<Actor, Outcome> }) => ACTORS.map((actor) => `${c.label} · ${actor}: ${c.expect[actor] satisfies Outcome}`);

// pages and route handlers only read: every row at once, each case's actors at once
test.describe("pages and route handlers", () => {
  test.describe.configure({ mode: "parallel" });
  for (const row of MATRIX.filter((r): r is Extract<MatrixRow, { kind: "page" | "route" }> => r.kind === "page" || r.kind === "route")) {
    test(`${row.kind} ${row.route}`, async () => {
      const results: string[] = [];
      const expected: string[] = [];
      for (const c of row.cases) {
        const got = await Promise.all(
          ACTORS.map(async (actor) => {
            const r = await sendOnce(() => contexts.get(actor)!.fetch(c.path, { method: c.method ?? "GET", data: c.body, maxRedirects: 10 }));
            return `${c.label} · ${actor}: ${await classify(actor, c.path, r.status(), r.url())}`;
          }),
        );
        results.push(...got);
        expected.push(...expectedOf(c));
      }
      expect(results).toEqual(expected);
    });
  }
});

// server actions write (and put back) ACTION_FIXTURES and the administration targets: one at a time
test.describe("server actions", () => {
  test.describe.configure({ mode: "serial" });
  // here, not above: a second worker entering the file must not put these back mid-row
  test.beforeAll(async () => {
    await Promise.all(Object.values(ACTION_FIXTURES).map(ensureReport));
  });
  for (const row of MATRIX.filter((r): r is Extract<MatrixRow, { kind: "action" }> => r.kind === "action")) {
    test(`${row.kind} ${row.route}`, async () => {
      const results: string[] = [];
      const expected: string[] = [];
      for (const c of row.cases as ActionCase[]) {
        for (const actor of ACTORS) {
          await c.reset?.(sql);
          const before = JSON.stringify(await c.snapshot(sql));
          const target = actionTarget(row.route, c.page);
          const r = await postAction(contexts.get(actor)!, target.page, target.id, c);
          expect(r.status(), `${row.route} as ${actor}: never a 500`).toBeLessThan(500);
          results.push(`${c.label} · ${actor}: ${JSON.stringify(await c.snapshot(sql)) === before ? "unchanged" : "changed"}`);
        }
        expected.push(...expectedOf(c));
      }
      expect(results).toEqual(expected);
    });
  }

  for (const row of MATRIX.filter((r): r is Extract<MatrixRow, { kind: "write" }> => r.kind === "write")) {
    test(`${row.kind} ${row.route}`, async () => {
      const results: string[] = [];
      const expected: string[] = [];
      for (const c of row.cases) {
        for (const actor of ACTORS) {
          await c.reset?.(sql);
          const before = JSON.stringify(await c.snapshot(sql));
          const r = await contexts.get(actor)!.post(row.route.slice("write:".length), { data: c.args[0], maxRedirects: 0 });
          expect(r.status(), `${row.route} as ${actor}: never a 500`).toBeLessThan(500);
          results.push(`${c.label} · ${actor}: ${JSON.stringify(await c.snapshot(sql)) === before ? "unchanged" : "changed"}`);
        }
        expected.push(...expectedOf(c));
      }
      expect(results).toEqual(expected);
    });
  }

  test("重放或伪造的 Server Action id 不改变任何数据", async () => {
    // what the matrix's actors could have changed: every write records an audit event naming
    // its actor; and the matrix's fixture reports (fixtureId) and accounts (other spec files
    // running beside this one add reports and users of their own, so global counts would move)
    const count = async () =>
      JSON.stringify(
        await sql(
          `SELECT (SELECT count(*) FROM "AuditEvent" e JOIN "User" u ON u.id = e."actorId" WHERE u.username LIKE 'matrix-%') AS audit,
                  (SELECT count(*) FROM "User" WHERE username LIKE 'matrix-%') AS users,
                  (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM "Report" WHERE id LIKE 'matrix\\_%') AS reports`,
        ),
      );
    const before = await count();
    for (const actor of ACTORS) {
      const r = await contexts.get(actor)!.post("/workspace", {
        headers: { "Next-Action": "7f" + "0123456789abcdef".repeat(3).slice(0, 40), Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
        data: JSON.stringify([{ reportId: "matrix_forged", version: 1 }]),
        maxRedirects: 0,
      });
      expect(r.status(), actor).toBeLessThan(500);
      expect(r.status(), actor).not.toBe(200);
    }
    expect(await count()).toBe(before);
  });

  test("写入操作超过限额后答复中文 429 提示，什么也不改变", async () => {
    // fill this account's write counter for this minute and the next (the limit is per account
    // per 60 s window, lib/server/security/rate-limit.ts), then save a draft as that clerk
    const user = (await sql(`SELECT id FROM "User" WHERE username = $1`, [ACTOR_ACCOUNTS.clerkOwn.username])) as { id: string }[];
    const key = `write:user:${user[0]!.id}`;
    const fill = () =>
      sql(
        `INSERT INTO "RateLimitBucket" (key, "windowStart", count, "expiresAt")
         SELECT $1::text, w, 100000, w + interval '1 minute' FROM (SELECT date_trunc('minute', now() AT TIME ZONE 'UTC') + m * interval '1 minute' AS w FROM generate_series(0, 1) m) s
         ON CONFLICT (key, "windowStart") DO UPDATE SET count = 100000`,
        [key],
      );
    const draftId = fixtureId(ACTION_FIXTURES.ownDraft);
    await sql(`UPDATE "Report" SET status = 'DRAFT', version = 1, overview = '' WHERE id = $1`, [draftId]);
    const before = JSON.stringify(await sql(`SELECT status, version, overview FROM "Report" WHERE id = $1`, [draftId]));
    await fill();
    try {
      const r = await contexts.get("clerkOwn")!.post("/api/drafts", {
        data: { reportId: draftId, expectedVersion: 1, entries: { narrative: { overview: "超过限额时不应保存" } } },
      });
      expect(r.status()).toBe(429);
      const text = await r.text();
      expect(text).toContain("操作过于频繁，请稍后再试。");
      expect(text).toContain('"status":429');
      expect(JSON.stringify(await sql(`SELECT status, version, overview FROM "Report" WHERE id = $1`, [draftId]))).toBe(before);
    } finally {
      await sql(`DELETE FROM "RateLimitBucket" WHERE key = $1`, [key]);
    }
  });
});
