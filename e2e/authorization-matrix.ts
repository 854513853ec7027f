// THE AUTHORIZATION MATRIX: every page, route handler and server action of the app, with the
// outcome each kind of visitor must get, per report state where that matters. A data table,
// meant to be extended: test/unit/authorization-matrix-coverage.test.ts fails when a page.tsx,
// route.ts or "use server" export exists without a row here (or a row names nothing that
// exists); e2e/authorization-matrix.spec.ts runs every case against the built app over HTTP.
//
// To add a row: copy a similar one. `route` is the file's route as in app/ (e.g.
// "/workspace/reports/[id]"; "/api/…" for route handlers), or for a server action
// "action:<file>#<exportedName>". Each case names a concrete path (FIXTURE ids are made in the
// spec's setup) and the outcome for every actor.

/** Who asks. "Own" means: of the agency / region that owns the report in the path. */
export const ACTORS = ["anonymous", "clerkOwn", "clerkOther", "reviewerOwn", "reviewerOther", "admin"] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * ok: 200 at that path · login: sent to /login · forbidden: 无权访问 (/forbidden) or 403 ·
 * notFound: 404 · unauthorized: 401 · home: sent to the actor's own workspace ·
 * methodNotAllowed: 405 · changed / unchanged: for writes, whether the database changed.
 */
export type Outcome = "ok" | "login" | "forbidden" | "notFound" | "unauthorized" | "home" | "methodNotAllowed" | "changed" | "unchanged";

export type Expectation = Record<Actor, Outcome>;

/** Accounts the spec creates for each actor (own = 贺兰县习岗镇 / 贺兰县; other = 金贵镇 / 永宁县). */
export const ACTOR_ACCOUNTS: Record<Exclude<Actor, "anonymous">, { username: string; role: "ADMIN" | "REVIEWER" | "CLERK"; agencyCode?: string; regionCode?: string }> = {
  clerkOwn: { username: "matrix-clerk-xigang", role: "CLERK", agencyCode: "640122100000" },
  clerkOther: { username: "matrix-clerk-jingui", role: "CLERK", agencyCode: "640122101000" },
  reviewerOwn: { username: "matrix-reviewer-helan", role: "REVIEWER", regionCode: "640122" },
  reviewerOther: { username: "matrix-reviewer-yongning", role: "REVIEWER", regionCode: "640121" },
  admin: { username: "matrix-admin", role: "ADMIN" },
};

/** Report fixtures the spec guarantees (agency code / year / state). Published comes from the demo seed. */
export const FIXTURES = {
  published: { code: "640122100000", year: 2020, state: "PUBLISHED" },
  draft: { code: "640122102000", year: 2019, state: "DRAFT" },
  submitted: { code: "640122103000", year: 2019, state: "SUBMITTED" },
  approved: { code: "640122200000", year: 2019, state: "APPROVED" },
  returned: { code: "640122101000", year: 2019, state: "RETURNED" },
} as const;

export interface HttpCase {
  /** what the case is about, e.g. the report state */
  label: string;
  method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** request body for writes (JSON) */
  body?: unknown;
  expect: Expectation;
}

export interface ActionCase {
  label: string;
  /** a page the action is posted from (any page of the app) */
  page: string;
  /** the action's arguments as the browser would send them */
  args: unknown[];
  /** read what the action could change; "changed"/"unchanged" compare it before and after */
  snapshot: (sql: (text: string, params?: unknown[]) => Promise<unknown[]>) => Promise<unknown>;
  /** put the data back before each actor's attempt */
  reset?: (sql: (text: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>;
  expect: Expectation;
}

export type MatrixRow =
  | { route: string; kind: "page" | "route"; cases: HttpCase[] }
  | { route: `action:${string}`; kind: "action"; cases: ActionCase[] };

/** Same outcome for own and other of a role. */
export function byRole(o: { anonymous: Outcome; CLERK: Outcome; REVIEWER: Outcome; ADMIN: Outcome }): Expectation {
  return { anonymous: o.anonymous, clerkOwn: o.CLERK, clerkOther: o.CLERK, reviewerOwn: o.REVIEWER, reviewerOther: o.REVIEWER, admin: o.ADMIN };
}
export function everyone(o: Outcome): Expectation {
  return byRole({ anonymous: o, CLERK: o, REVIEWER: o, ADMIN: o });
}
const reportPath = (f: { code: string; year: number }, prefix = "/reports") => `${prefix}/${f.code}/${f.year}`;

export const MATRIX: MatrixRow[] = [
  // ── public pages
  { route: "/", kind: "page", cases: [{ label: "公开报告列表", path: "/", expect: everyone("ok") }] },
  { route: "/login", kind: "page", cases: [{ label: "登录页", path: "/login", expect: everyone("ok") }] },
  { route: "/forbidden", kind: "page", cases: [{ label: "无权访问", path: "/forbidden", expect: everyone("ok") }] },
  { route: "/tools/validate", kind: "page", cases: [{ label: "报告文件检查", path: "/tools/validate", expect: everyone("ok") }] },
  {
    route: "/reports/[code]/[year]",
    kind: "page",
    cases: [
      { label: "PUBLISHED", path: reportPath(FIXTURES.published), expect: everyone("ok") },
      // the public page shows published versions only, whoever asks
      { label: "DRAFT", path: reportPath(FIXTURES.draft), expect: everyone("notFound") },
      { label: "SUBMITTED", path: reportPath(FIXTURES.submitted), expect: everyone("notFound") },
      { label: "APPROVED", path: reportPath(FIXTURES.approved), expect: everyone("notFound") },
      { label: "RETURNED", path: reportPath(FIXTURES.returned), expect: everyone("notFound") },
      { label: "不存在的单位", path: "/reports/999999999999/2020", expect: everyone("notFound") },
      { label: "畸形年份", path: "/reports/640122100000/20x0", expect: everyone("notFound") },
    ],
  },
  // ── signed-in areas
  { route: "/me", kind: "page", cases: [{ label: "我的工作台", path: "/me", expect: byRole({ anonymous: "login", CLERK: "home", REVIEWER: "home", ADMIN: "home" }) }] },
  { route: "/workspace", kind: "page", cases: [{ label: "填报工作台", path: "/workspace", expect: byRole({ anonymous: "login", CLERK: "ok", REVIEWER: "forbidden", ADMIN: "forbidden" }) }] },
  { route: "/review", kind: "page", cases: [{ label: "审核工作台", path: "/review", expect: byRole({ anonymous: "login", CLERK: "forbidden", REVIEWER: "ok", ADMIN: "forbidden" }) }] },
  { route: "/admin", kind: "page", cases: [{ label: "系统管理", path: "/admin", expect: byRole({ anonymous: "login", CLERK: "forbidden", REVIEWER: "forbidden", ADMIN: "ok" }) }] },
  // ── route handlers
  {
    route: "/api/reports/[code]/[year]",
    kind: "route",
    cases: [
      { label: "PUBLISHED", path: `/api${reportPath(FIXTURES.published)}`, expect: everyone("ok") },
      { label: "DRAFT", path: `/api${reportPath(FIXTURES.draft)}`, expect: everyone("notFound") },
      { label: "SUBMITTED", path: `/api${reportPath(FIXTURES.submitted)}`, expect: everyone("notFound") },
      { label: "APPROVED", path: `/api${reportPath(FIXTURES.approved)}`, expect: everyone("notFound") },
      { label: "RETURNED", path: `/api${reportPath(FIXTURES.returned)}`, expect: everyone("notFound") },
      { label: "伪造的写入", method: "POST", path: `/api${reportPath(FIXTURES.published)}`, body: { status: "DRAFT" }, expect: everyone("methodNotAllowed") },
      { label: "伪造的删除", method: "DELETE", path: `/api${reportPath(FIXTURES.published)}`, expect: everyone("methodNotAllowed") },
    ],
  },
  {
    route: "/api/auth/[...nextauth]",
    kind: "route",
    cases: [
      { label: "会话", path: "/api/auth/session", expect: everyone("ok") },
      { label: "CSRF", path: "/api/auth/csrf", expect: everyone("ok") },
      { label: "providers", path: "/api/auth/providers", expect: everyone("ok") },
    ],
  },
  // ── server actions: none in this branch yet. Add one row per exported action, e.g.
  // {
  //   route: "action:app/workspace/reports/[id]/actions.ts#saveReport", kind: "action",
  //   cases: [{ label: "DRAFT, 他人单位的报告 id", page: "/workspace", args: [{ reportId: "…", version: 1, cells: {} }],
  //     snapshot: (sql) => sql(`SELECT version FROM "Report" WHERE id = $1`, ["…"]),
  //     expect: { anonymous: "unchanged", clerkOwn: "changed", clerkOther: "unchanged", reviewerOwn: "unchanged", reviewerOther: "unchanged", admin: "unchanged" } }],
  // },
];
