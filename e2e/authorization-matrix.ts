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

import { createHash } from "node:crypto";

/** Who asks. "Own" means: of the agency / region that owns the report in the path. */
export const ACTORS = ["anonymous", "clerkOwn", "clerkOther", "reviewerOwn", "reviewerOther", "admin"] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * ok: 200 at that path · login: sent to /login · forbidden: 无权访问 (/forbidden) or 403 ·
 * notFound: 404 · unauthorized: 401 · badRequest: 400 · home: sent to the actor's own workspace ·
 * methodNotAllowed: 405 · changed / unchanged: for writes, whether the database changed.
 */
export type Outcome = "ok" | "login" | "forbidden" | "notFound" | "unauthorized" | "badRequest" | "home" | "methodNotAllowed" | "changed" | "unchanged";

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
  // of clerkOwn's agency (习岗镇), for the clerk's own pages and actions
  ownDraft: { code: "640122100000", year: 2024, state: "DRAFT" },
  ownSubmitted: { code: "640122100000", year: 2025, state: "SUBMITTED" },
} as const;

/**
 * The reports the server-action rows write to and put back: FIXTURES' agencies and states in other
 * years, so the page and route rows (read-only, run in parallel) never see a state an action row
 * left for a moment.
 */
export const ACTION_FIXTURES = {
  draft: { ...FIXTURES.draft, year: 2023 },
  submitted: { ...FIXTURES.submitted, year: 2023 },
  approved: { ...FIXTURES.approved, year: 2023 },
  returned: { ...FIXTURES.returned, year: 2024 },
  ownDraft: { ...FIXTURES.ownDraft, year: 2022 },
} as const;

/** The id the spec gives a fixture report: 'matrix_' || md5(code || year). */
export function fixtureId(f: { code: string; year: number }): string {
  return `matrix_${createHash("md5").update(`${f.code}${f.year}`).digest("hex")}`;
}

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
  /** the action's arguments as the browser would send them (JSON) */
  args: unknown[];
  /** for an action taking a FormData (after `args`, e.g. [null] for a previous state): its fields (sent multipart, as React encodes a FormData argument) */
  form?: Record<string, string>;
  /** read what the action could change; "changed"/"unchanged" compare it before and after */
  snapshot: (sql: (text: string, params?: unknown[]) => Promise<unknown[]>) => Promise<unknown>;
  /** put the data back before each actor's attempt */
  reset?: (sql: (text: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>;
  expect: Expectation;
}

export type MatrixRow =
  | { route: string; kind: "page" | "route"; cases: HttpCase[] }
  | { route: `action:${string}`; kind: "action"; cases: ActionCase[] }
  /** a route handler that writes: each case's `args[0]` posted to it as JSON, its data compared before and after as an action's */
  | { route: `write:${string}`; kind: "write"; cases: ActionCase[] };

/** Same outcome for own and other of a role. */
export function byRole(o: { anonymous: Outcome; CLERK: Outcome; REVIEWER: Outcome; ADMIN: Outcome }): Expectation {
  return { anonymous: o.anonymous, clerkOwn: o.CLERK, clerkOther: o.CLERK, reviewerOwn: o.REVIEWER, reviewerOther: o.REVIEWER, admin: o.ADMIN };
}
export function everyone(o: Outcome): Expectation {
  return byRole({ anonymous: o, CLERK: o, REVIEWER: o, ADMIN: o });
}
const reportPath = (f: { code: string; year: number }, prefix = "/reports") => `${prefix}/${f.code}/${f.year}`;
/** Any signed-in user may; the anonymous visitor gets `anonymous`. */
const signedIn = (anonymous: Outcome) => byRole({ anonymous, CLERK: "ok", REVIEWER: "ok", ADMIN: "ok" });
/** The administrator gets `admin`; clerks and reviewers are forbidden; the anonymous visitor gets `anonymous`. */
const forAdmin = (anonymous: Outcome, admin: Outcome) => byRole({ anonymous, CLERK: "forbidden", REVIEWER: "forbidden", ADMIN: admin });
/** A page or route row of one case. */
const single = (route: string, kind: "page" | "route", label: string, path: string, expect: Expectation): MatrixRow => ({ route, kind, cases: [{ label, path, expect }] });

// ── server action rows. Each snapshot reads what the action could change; each reset puts it back
// before every actor's attempt, so "changed" means that actor's request changed it.
type Sql = (text: string, params?: unknown[]) => Promise<unknown[]>;
const only = (actor: Actor): Expectation => ({ ...everyone("unchanged"), [actor]: "changed" });
const nobody = everyone("unchanged");
const adminOnly = only("admin");

const ownDraftId = fixtureId(ACTION_FIXTURES.ownDraft);
const submittedId = fixtureId(ACTION_FIXTURES.submitted);
const approvedId = fixtureId(ACTION_FIXTURES.approved);
const returnedId = fixtureId(ACTION_FIXTURES.returned);
const draftId = fixtureId(ACTION_FIXTURES.draft);
const reportState = (id: string) => (sql: Sql) => sql(`SELECT status, version, overview FROM "Report" WHERE id = $1`, [id]);
const resetReport = (id: string, status: string) => async (sql: Sql) => {
  await sql(`DELETE FROM "PublishedVersion" WHERE "reportId" = $1`, [id]);
  await sql(`UPDATE "Report" SET status = $2::"ReportStatus", version = 1, overview = '' WHERE id = $1`, [id, status]);
};
const draftEntries = { narrative: { overview: "矩阵测试写入的概述" } };
/** The review comment on 金贵镇's returned report, open, as the comment rows need it. */
async function openComment(sql: Sql) {
  const author = (await sql(`SELECT id FROM "User" WHERE username = 'matrix-reviewer-helan'`)) as { id: string }[];
  await sql(
    `INSERT INTO "ReviewComment" (id, "reportId", "authorId", body, "reportVersion") VALUES ('matrix_comment', $1, $2, '请补充说明', 1)
     ON CONFLICT (id) DO UPDATE SET "resolvedAt" = NULL`,
    [returnedId, author[0]!.id],
  );
}

/** An account and an agency and a region only the administration actions touch. */
const TARGET_USER = "matrix_target_user";
const TARGET_AGENCY = "matrix_target_agency";
const TARGET_REGION = "640198";
async function resetTargets(sql: Sql) {
  await sql(`DELETE FROM "User" WHERE username = 'matrix-created-user'`);
  await sql(
    `INSERT INTO "User" (id, username, "displayName", "passwordHash", role, active, "updatedAt") VALUES ($1, 'matrix-target', '矩阵目标账号', 'x', 'ADMIN', true, now())
     ON CONFLICT (id) DO UPDATE SET "displayName" = '矩阵目标账号', "passwordHash" = 'x', role = 'ADMIN', active = true, "mustChangePassword" = false`,
    [TARGET_USER],
  );
  await sql(`DELETE FROM "Agency" WHERE code = '640122-jzcs'`);
  await sql(
    `INSERT INTO "Agency" (id, code, name, kind, "regionCode", active, "updatedAt") VALUES ($1, '640122-jzjc', '贺兰县矩阵检查局', 'DEPARTMENT', '640122', true, now())
     ON CONFLICT (id) DO UPDATE SET name = '贺兰县矩阵检查局', active = true`,
    [TARGET_AGENCY],
  );
  await sql(`DELETE FROM "Region" WHERE code = '640199'`);
  await sql(
    `INSERT INTO "Region" (code, name, level, "parentCode", path, active, "updatedAt") VALUES ($1::text, '矩阵测试区', 'COUNTY', '640100', '640000/640100/' || $1::text || '/', true, now())
     ON CONFLICT (code) DO UPDATE SET name = '矩阵测试区', active = true`,
    [TARGET_REGION],
  );
  await sql(`DELETE FROM "ReportingYear" WHERE year = 2090`);
  await sql(`INSERT INTO "ReportingYear" (year, template, open, "updatedAt") VALUES (2091, '2021', false, now()) ON CONFLICT (year) DO UPDATE SET open = false`);
}
const targets = (sql: Sql) =>
  sql(
    `SELECT (SELECT row_to_json(u) FROM (SELECT "displayName", "passwordHash", role, active FROM "User" WHERE id = $1) u) AS "user",
            (SELECT row_to_json(a) FROM (SELECT name, active FROM "Agency" WHERE id = $2) a) AS agency,
            (SELECT row_to_json(r) FROM (SELECT name, active FROM "Region" WHERE code = $3) r) AS region,
            (SELECT count(*) FROM "User" WHERE username = 'matrix-created-user') AS "createdUsers",
            (SELECT count(*) FROM "Agency" WHERE code = '640122-jzcs') AS "createdAgencies",
            (SELECT count(*) FROM "Region" WHERE code = '640199') AS "createdRegions",
            (SELECT json_agg(y ORDER BY y.year) FROM (SELECT year, open FROM "ReportingYear" WHERE year IN (2090, 2091)) y) AS years`,
    [TARGET_USER, TARGET_AGENCY, TARGET_REGION],
  );
const adminCase = (label: string, args: unknown[], expect: Expectation = adminOnly): ActionCase => ({ label, page: "/admin", args, snapshot: targets, reset: resetTargets, expect });

function actionRows(): MatrixRow[] {
  return [
    {
      // 保存草稿 (the editor's save, a route handler for speed: app/api/drafts/route.ts)
      route: "write:/api/drafts",
      kind: "write",
      cases: [
        { label: "DRAFT, 本单位", page: "/workspace", args: [{ reportId: ownDraftId, expectedVersion: 1, entries: draftEntries }], snapshot: reportState(ownDraftId), reset: resetReport(ownDraftId, "DRAFT"), expect: only("clerkOwn") },
        { label: "DRAFT, 过期的版本号", page: "/workspace", args: [{ reportId: ownDraftId, expectedVersion: 7, entries: draftEntries }], snapshot: reportState(ownDraftId), reset: async (sql) => { await resetReport(ownDraftId, "DRAFT")(sql); await sql(`UPDATE "Report" SET version = 8 WHERE id = $1`, [ownDraftId]); }, expect: nobody },
        { label: "RETURNED, 他人单位的报告 id", page: "/workspace", args: [{ reportId: returnedId, expectedVersion: 1, entries: draftEntries }], snapshot: reportState(returnedId), reset: resetReport(returnedId, "RETURNED"), expect: only("clerkOther") },
        { label: "SUBMITTED, 不可编辑", page: "/workspace", args: [{ reportId: submittedId, expectedVersion: 1, entries: draftEntries }], snapshot: reportState(submittedId), reset: resetReport(submittedId, "SUBMITTED"), expect: nobody },
      ],
    },
    {
      route: "action:app/workspace/actions.ts#submitReportAction",
      kind: "action",
      cases: [
        // the empty draft cannot be submitted, but what is on screen is saved first (the clerk's own only)
        { label: "DRAFT, 本单位", page: "/workspace", args: [{ reportId: ownDraftId, expectedVersion: 1, entries: draftEntries }], snapshot: reportState(ownDraftId), reset: resetReport(ownDraftId, "DRAFT"), expect: only("clerkOwn") },
        { label: "DRAFT, 过期的版本号", page: "/workspace", args: [{ reportId: ownDraftId, expectedVersion: 7, entries: draftEntries }], snapshot: reportState(ownDraftId), reset: async (sql) => { await resetReport(ownDraftId, "DRAFT")(sql); await sql(`UPDATE "Report" SET version = 8 WHERE id = $1`, [ownDraftId]); }, expect: nobody },
        { label: "APPROVED, 他人单位且不可编辑", page: "/workspace", args: [{ reportId: approvedId, expectedVersion: 1, entries: draftEntries }], snapshot: reportState(approvedId), reset: resetReport(approvedId, "APPROVED"), expect: nobody },
      ],
    },
    {
      route: "action:app/workspace/actions.ts#startReportAction",
      kind: "action",
      cases: [
        {
          label: "本单位 2023 年度",
          page: "/workspace",
          args: [null],
          form: { year: "2023" },
          snapshot: (sql) => sql(`SELECT count(*) FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId" WHERE a.code IN ('640122100000', '640122101000') AND r.year = 2023`),
          reset: (sql) => sql(`DELETE FROM "Report" r USING "Agency" a WHERE a.id = r."agencyId" AND a.code IN ('640122100000', '640122101000') AND r.year = 2023`).then(() => undefined),
          expect: { ...nobody, clerkOwn: "changed", clerkOther: "changed" },
        },
      ],
    },
    {
      route: "action:app/review/reports/[id]/actions.ts#transitionAction",
      kind: "action",
      cases: [
        { label: "SUBMITTED, 退回", page: "/review", args: [null], form: { reportId: submittedId, action: "return", expectedVersion: "1", reason: "矩阵测试退回" }, snapshot: reportState(submittedId), reset: resetReport(submittedId, "SUBMITTED"), expect: only("reviewerOwn") },
        { label: "SUBMITTED, 过期的版本号", page: "/review", args: [null], form: { reportId: submittedId, action: "return", expectedVersion: "5", reason: "矩阵测试退回" }, snapshot: reportState(submittedId), reset: resetReport(submittedId, "SUBMITTED"), expect: nobody },
        { label: "DRAFT, 不能审核", page: "/review", args: [null], form: { reportId: draftId, action: "approve", expectedVersion: "1" }, snapshot: reportState(draftId), reset: resetReport(draftId, "DRAFT"), expect: nobody },
      ],
    },
    {
      route: "action:app/review/reports/[id]/actions.ts#addCommentAction",
      kind: "action",
      cases: [
        {
          label: "SUBMITTED",
          page: "/review",
          args: [null],
          form: { reportId: submittedId, anchor: "", body: "矩阵测试意见" },
          snapshot: (sql) => sql(`SELECT count(*) FROM "ReviewComment" WHERE "reportId" = $1`, [submittedId]),
          reset: (sql) => sql(`DELETE FROM "ReviewComment" WHERE "reportId" = $1`, [submittedId]).then(() => undefined),
          expect: only("reviewerOwn"),
        },
      ],
    },
    {
      route: "action:app/review/reports/[id]/actions.ts#resolveCommentAction",
      kind: "action",
      cases: [
        {
          label: "RETURNED, 金贵镇报告上的意见",
          page: "/review",
          args: [null],
          form: { reportId: returnedId, commentId: "matrix_comment" },
          snapshot: (sql) => sql(`SELECT "resolvedAt" IS NOT NULL AS resolved FROM "ReviewComment" WHERE id = 'matrix_comment'`),
          reset: openComment,
          // the clerk of 金贵镇 (whose report it is) and the reviewer of 贺兰县 may resolve it
          expect: { ...nobody, clerkOther: "changed", reviewerOwn: "changed" },
        },
      ],
    },
    {
      route: "action:app/review/reports/[id]/actions.ts#replyToCommentAction",
      kind: "action",
      cases: [
        {
          label: "RETURNED, 金贵镇报告上的意见",
          page: "/review",
          args: [null],
          form: { reportId: returnedId, commentId: "matrix_comment", body: "矩阵测试回复" },
          snapshot: (sql) => sql(`SELECT count(*) FROM "ReviewCommentReply" WHERE "commentId" = 'matrix_comment'`),
          reset: async (sql) => {
            await openComment(sql);
            await sql(`DELETE FROM "ReviewCommentReply" WHERE "commentId" = 'matrix_comment'`);
          },
          // the clerk of 金贵镇 (whose report it is) answers; the reviewer of 贺兰县 may answer back
          expect: { ...nobody, clerkOther: "changed", reviewerOwn: "changed" },
        },
      ],
    },
    {
      route: "action:app/review/actions.ts#batchPublishAction",
      kind: "action",
      cases: [
        { label: "APPROVED, 过期的版本号", page: "/review", args: [null], form: { publish: `${approvedId}:9` }, snapshot: reportState(approvedId), reset: resetReport(approvedId, "APPROVED"), expect: nobody },
        { label: "伪造的报告 id", page: "/review", args: [null], form: { publish: "matrix_forged:1" }, snapshot: (sql) => sql(`SELECT count(*) FROM "PublishedVersion"`), expect: nobody },
      ],
    },
    {
      route: "action:app/account/password/actions.ts#changeOwnPasswordAction",
      kind: "action",
      cases: [
        {
          label: "错误的当前密码",
          page: "/account/password",
          args: [{ currentPassword: "not-the-password", newPassword: "Another#Pass-2026", confirmPassword: "Another#Pass-2026" }],
          snapshot: (sql) => sql(`SELECT username, "passwordHash" FROM "User" WHERE username LIKE 'matrix-%' ORDER BY username`),
          expect: nobody,
        },
      ],
    },
    {
      // 催报 of 金贵镇 (its 2019 report is returned, so not submitted): its region's reviewer only
      route: "action:app/review/urge-actions.ts#urgeAgencyAction",
      kind: "action",
      cases: [
        {
          label: "RETURNED, 催报",
          page: "/review",
          args: [null],
          form: { agencyCode: FIXTURES.returned.code, year: String(FIXTURES.returned.year) },
          reset: async (sql) => {
            await sql(`DELETE FROM "Notification" WHERE kind = 'URGE' AND "agencyId" = (SELECT id FROM "Agency" WHERE code = $1)`, [FIXTURES.returned.code]);
          },
          snapshot: (sql) => sql(`SELECT count(*)::int AS n FROM "Notification" WHERE kind = 'URGE' AND "agencyId" = (SELECT id FROM "Agency" WHERE code = $1)`, [FIXTURES.returned.code]),
          expect: only("reviewerOwn"),
        },
      ],
    },
    {
      // each user sets only their own address: every signed-in actor changes their own row
      route: "action:app/account/actions.ts#updateNoticeSettingsAction",
      kind: "action",
      cases: [
        {
          label: "关闭邮件通知",
          page: "/account",
          args: [null],
          form: { email: "matrix@example.test" },
          reset: async (sql) => {
            await sql(`UPDATE "User" SET email = NULL, "emailNotices" = true WHERE username LIKE 'matrix-%'`);
          },
          snapshot: (sql) => sql(`SELECT username, email, "emailNotices" FROM "User" WHERE username LIKE 'matrix-%' ORDER BY username`),
          expect: byRole({ anonymous: "unchanged", CLERK: "changed", REVIEWER: "changed", ADMIN: "changed" }),
        },
      ],
    },
    {
      // a user marks only their own notices: clerkOwn's unread notice changes for clerkOwn alone
      route: "action:app/notifications/actions.ts#markAllNotificationsReadAction",
      kind: "action",
      cases: [
        {
          label: "全部标为已读",
          page: "/notifications",
          args: [],
          reset: async (sql) => {
            await sql(`DELETE FROM "Notification" WHERE id = 'matrix_notice'`);
            await sql(
              `INSERT INTO "Notification" (id, "recipientId", kind, text) SELECT 'matrix_notice', id, 'URGE', '矩阵测试通知' FROM "User" WHERE username = $1`,
              [ACTOR_ACCOUNTS.clerkOwn.username],
            );
          },
          snapshot: (sql) => sql(`SELECT "readAt" IS NULL AS unread FROM "Notification" WHERE id = 'matrix_notice'`),
          expect: only("clerkOwn"),
        },
      ],
    },
    { route: "action:app/admin/users/actions.ts#createUserAction", kind: "action", cases: [adminCase("新建账号", [{ username: "matrix-created-user", displayName: "矩阵新账号", role: "ADMIN", scopeCode: "" }])] },
    { route: "action:app/admin/users/actions.ts#updateUserAction", kind: "action", cases: [adminCase("修改账号", [{ id: TARGET_USER, displayName: "矩阵改名", role: "ADMIN", scopeCode: "" }])] },
    { route: "action:app/admin/users/actions.ts#deactivateUserAction", kind: "action", cases: [adminCase("停用账号", [TARGET_USER]), adminCase("伪造的账号 id", ["matrix_no_such_user"], nobody)] },
    {
      route: "action:app/admin/users/actions.ts#reactivateUserAction",
      kind: "action",
      cases: [{ ...adminCase("启用账号", [TARGET_USER]), reset: async (sql) => { await resetTargets(sql); await sql(`UPDATE "User" SET active = false WHERE id = $1`, [TARGET_USER]); } }],
    },
    { route: "action:app/admin/users/actions.ts#resetUserPasswordAction", kind: "action", cases: [adminCase("重置密码", [TARGET_USER])] },
    { route: "action:app/admin/agencies/actions.ts#createAgencyAction", kind: "action", cases: [adminCase("新建单位", [{ code: "640122-jzcs", name: "贺兰县矩阵测试局", kind: "DEPARTMENT", regionCode: "640122" }])] },
    { route: "action:app/admin/agencies/actions.ts#updateAgencyAction", kind: "action", cases: [adminCase("修改单位", [{ id: TARGET_AGENCY, code: "640122-jzjc", name: "贺兰县矩阵检查二局", kind: "DEPARTMENT", regionCode: "640122", active: true }])] },
    { route: "action:app/admin/agencies/actions.ts#deleteAgencyAction", kind: "action", cases: [adminCase("删除单位", [TARGET_AGENCY]), adminCase("伪造的单位 id", ["matrix_no_such_agency"], nobody)] },
    { route: "action:app/admin/regions/actions.ts#createRegionAction", kind: "action", cases: [adminCase("新建地区", [{ code: "640199", name: "矩阵新区", parentCode: "640100" }])] },
    { route: "action:app/admin/regions/actions.ts#updateRegionAction", kind: "action", cases: [adminCase("修改地区", [{ code: TARGET_REGION, name: "矩阵测试区二", active: true }])] },
    { route: "action:app/admin/regions/actions.ts#deleteRegionAction", kind: "action", cases: [adminCase("删除地区", [TARGET_REGION])] },
    { route: "action:app/admin/years/actions.ts#createReportingYearAction", kind: "action", cases: [adminCase("新建年度", [{ year: 2090, template: "2021", deadline: "", open: false }])] },
    { route: "action:app/admin/years/actions.ts#updateReportingYearAction", kind: "action", cases: [adminCase("开放年度", [{ year: 2091, template: "2021", deadline: "", open: true }])] },
    // without files both only answer (preview never writes); the refusal comes before the files are read
    { route: "action:app/admin/import/actions.ts#previewImportAction", kind: "action", cases: [{ ...adminCase("预览导入（无文件）", [], nobody), form: {} }] },
    { route: "action:app/admin/import/actions.ts#confirmImportAction", kind: "action", cases: [{ ...adminCase("确认导入（伪造的摘要）", [], nobody), form: { digest: "forged" } }] },
  ];
}

export const MATRIX: MatrixRow[] = [
  // ── public pages
  single("/", "page", "公开报告列表", "/", everyone("ok")),
  single("/login", "page", "登录页", "/login", everyone("ok")),
  single("/forbidden", "page", "无权访问", "/forbidden", everyone("ok")),
  single("/tools/validate", "page", "报告文件检查", "/tools/validate", everyone("ok")),
  single("/[...missing]", "page", "不存在的页面", "/no-such-page/x", everyone("notFound")),
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
  single("/me", "page", "我的工作台", "/me", byRole({ anonymous: "login", CLERK: "home", REVIEWER: "home", ADMIN: "home" })),
  single("/workspace", "page", "填报工作台", "/workspace", byRole({ anonymous: "login", CLERK: "ok", REVIEWER: "forbidden", ADMIN: "forbidden" })),
  single("/review", "page", "审核工作台（管理员只读）", "/review", byRole({ anonymous: "login", CLERK: "forbidden", REVIEWER: "ok", ADMIN: "ok" })),
  single("/admin", "page", "系统管理", "/admin", forAdmin("login", "ok")),
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
  // ── public pages added with the public site and region statistics
  single("/reports", "page", "报告检索", "/reports", everyone("ok")),
  single("/data", "page", "开放数据", "/data", everyone("ok")),
  {
    route: "/agencies/[code]",
    kind: "page",
    cases: [
      { label: "单位页", path: `/agencies/${FIXTURES.published.code}`, expect: everyone("ok") },
      { label: "不存在的单位", path: "/agencies/999999999999", expect: everyone("notFound") },
    ],
  },
  {
    route: "/regions/[code]",
    kind: "page",
    cases: [
      { label: "地区统计", path: "/regions/640122", expect: everyone("ok") },
      { label: "不存在的地区", path: "/regions/999999", expect: everyone("notFound") },
    ],
  },
  {
    route: "/reports/[code]/[year]/versions/[version]",
    kind: "page",
    cases: [
      { label: "PUBLISHED, 不存在的版本", path: `${reportPath(FIXTURES.published)}/versions/99`, expect: everyone("notFound") },
      { label: "DRAFT 没有公开版本", path: `${reportPath(FIXTURES.draft)}/versions/1`, expect: everyone("notFound") },
      { label: "SUBMITTED 没有公开版本", path: `${reportPath(FIXTURES.submitted)}/versions/1`, expect: everyone("notFound") },
    ],
  },
  // the version- and stamp-keyed pages that proxy.ts rewrites /reports/CODE/YEAR, /,
  // /agencies/CODE and /regions/CODE to exist only as rewrite targets: asked for directly,
  // with any version or stamp, they are not found
  {
    route: "/published/[code]/[year]/[version]",
    kind: "page",
    cases: [
      { label: "直接访问 PUBLISHED 第 1 版", path: `/published/${FIXTURES.published.code}/${FIXTURES.published.year}/1`, expect: everyone("notFound") },
      { label: "直接访问不存在的版本", path: `/published/${FIXTURES.published.code}/${FIXTURES.published.year}/99`, expect: everyone("notFound") },
      { label: "直接访问 DRAFT", path: `/published/${FIXTURES.draft.code}/${FIXTURES.draft.year}/1`, expect: everyone("notFound") },
    ],
  },
  single("/published-home/[stamp]", "page", "直接访问", "/published-home/0.0", everyone("notFound")),
  {
    route: "/published-agencies/[code]/[stamp]",
    kind: "page",
    cases: [{ label: "直接访问", path: `/published-agencies/${FIXTURES.published.code}/0.0`, expect: everyone("notFound") }],
  },
  single("/published-regions/[code]/[stamp]/[year]/[sort]/[dir]", "page", "直接访问", "/published-regions/640122/0.0/latest/name/asc", everyone("notFound")),
  // ── signed-in pages
  single("/account", "page", "账号设置", "/account", signedIn("login")),
  single("/notifications", "page", "通知", "/notifications", signedIn("login")),
  single("/api/notifications/unread", "route", "未读通知数", "/api/notifications/unread", signedIn("unauthorized")),
  single("/account/password", "page", "修改密码", "/account/password", signedIn("login")),
  ...(["/admin/agencies", "/admin/audit", "/admin/import", "/admin/regions", "/admin/users", "/admin/years"] as const).map(
    (route): MatrixRow => ({ route, kind: "page", cases: [{ label: "管理页面", path: route, expect: forAdmin("login", "ok") }] }),
  ),
  single("/admin/agencies/[id]", "page", "不存在的单位 id", "/admin/agencies/matrix_no_such_agency", forAdmin("login", "notFound")),
  {
    // opening it takes a batch of one-time passwords: only its creator, once (an unknown batch here)
    route: "/admin/one-time-passwords/[id]",
    kind: "page",
    cases: [{ label: "不存在的密码批次", path: "/admin/one-time-passwords/matrix_no_such_batch", expect: forAdmin("login", "ok") }],
  },
  {
    route: "/api/admin/one-time-passwords/[id]/csv",
    kind: "route",
    cases: [
      { label: "不存在的密码批次", path: "/api/admin/one-time-passwords/matrix_no_such_batch/csv", expect: forAdmin("unauthorized", "notFound") },
      { label: "伪造的写入", method: "POST", path: "/api/admin/one-time-passwords/matrix_no_such_batch/csv", body: {}, expect: everyone("methodNotAllowed") },
    ],
  },
  single("/api/admin/scopes", "route", "范围查找", "/api/admin/scopes?role=CLERK&q=%E8%B4%BA%E5%85%B0", forAdmin("unauthorized", "ok")),
  single("/admin/users/[id]", "page", "不存在的账号 id", "/admin/users/matrix_no_such_user", forAdmin("login", "notFound")),
  ...(["/review/reports/[id]", "/review/reports/[id]/audit"] as const).map(
    (route): MatrixRow => ({
      route,
      kind: "page",
      // a report outside the reviewer's region looks like no report at all; the administrator sees every region
      cases: (["draft", "submitted", "approved", "returned"] as const).map((k) => ({
        label: FIXTURES[k].state,
        path: route.replace("[id]", fixtureId(FIXTURES[k])),
        expect: { anonymous: "login", clerkOwn: "forbidden", clerkOther: "forbidden", reviewerOwn: "ok", reviewerOther: "notFound", admin: "ok" },
      })),
    }),
  ),
  ...(["/workspace/reports/[id]", "/workspace/reports/[id]/audit"] as const).map(
    (route): MatrixRow => ({
      route,
      kind: "page",
      // another agency's report looks like no report at all
      cases: [
        ...(["ownDraft", "ownSubmitted"] as const).map((k) => ({
          label: FIXTURES[k].state,
          path: route.replace("[id]", fixtureId(FIXTURES[k])),
          expect: { anonymous: "login", clerkOwn: "ok", clerkOther: "notFound", reviewerOwn: "forbidden", reviewerOther: "forbidden", admin: "forbidden" } satisfies Expectation,
        })),
        {
          label: "RETURNED (金贵镇的报告)",
          path: route.replace("[id]", fixtureId(FIXTURES.returned)),
          expect: { anonymous: "login", clerkOwn: "notFound", clerkOther: "ok", reviewerOwn: "forbidden", reviewerOther: "forbidden", admin: "forbidden" },
        },
      ],
    }),
  ),
  // ── route handlers: downloads and open data (published only), and the file converter
  ...(["csv", "docx", "xlsx", "pdf", "quality-notes"] as const).map(
    (kind): MatrixRow => ({
      route: `/api/reports/[code]/[year]/${kind}`,
      kind: "route",
      cases: [
        { label: "PUBLISHED", path: `/api${reportPath(FIXTURES.published)}/${kind}`, expect: everyone("ok") },
        { label: "DRAFT", path: `/api${reportPath(FIXTURES.draft)}/${kind}`, expect: everyone("notFound") },
        { label: "APPROVED", path: `/api${reportPath(FIXTURES.approved)}/${kind}`, expect: everyone("notFound") },
        { label: "伪造的写入", method: "POST", path: `/api${reportPath(FIXTURES.published)}/${kind}`, body: {}, expect: everyone("methodNotAllowed") },
      ],
    }),
  ),
  ...(["", "/csv", "/figures.csv", "/reports.zip"] as const).map(
    (suffix): MatrixRow => ({
      route: `/api/regions/[code]/[year]${suffix}`,
      kind: "route",
      cases: [
        { label: "贺兰县 2020", path: `/api/regions/640122/2020${suffix}`, expect: everyone("ok") },
        { label: "不存在的地区", path: `/api/regions/999999/2020${suffix}`, expect: everyone("notFound") },
        { label: "伪造的写入", method: "POST", path: `/api/regions/640122/2020${suffix}`, body: {}, expect: everyone("methodNotAllowed") },
      ],
    }),
  ),
  // the region's on-time record (open data: publication dates are public)
  ...(["lateness.csv", "lateness.xlsx"] as const).map(
    (file): MatrixRow => ({
      route: `/api/regions/[code]/${file}`,
      kind: "route",
      cases: [
        { label: "贺兰县", path: `/api/regions/640122/${file}`, expect: everyone("ok") },
        { label: "不存在的地区", path: `/api/regions/999999/${file}`, expect: everyone("notFound") },
        { label: "伪造的写入", method: "POST", path: `/api/regions/640122/${file}`, body: {}, expect: everyone("methodNotAllowed") },
      ],
    }),
  ),
  {
    route: "/api/convert",
    kind: "route",
    cases: [
      { label: "GET", path: "/api/convert", expect: everyone("methodNotAllowed") },
      { label: "POST 非 multipart", method: "POST", path: "/api/convert", body: { file: "x" }, expect: byRole({ anonymous: "unauthorized", CLERK: "badRequest", REVIEWER: "badRequest", ADMIN: "badRequest" }) },
    ],
  },
  // the editor's 保存草稿 (JSON); scope, agency and state are checked by the operation (test/integration/draft-save-route.test.ts)
  {
    route: "/api/drafts",
    kind: "route",
    cases: [
      { label: "GET", path: "/api/drafts", expect: everyone("methodNotAllowed") },
      { label: "POST 空内容", method: "POST", path: "/api/drafts", body: {}, expect: byRole({ anonymous: "unauthorized", CLERK: "badRequest", REVIEWER: "forbidden", ADMIN: "forbidden" }) },
    ],
  },
  // ── server actions
  ...actionRows(),
];
