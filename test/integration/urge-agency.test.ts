// 催报: a reviewer reminds an agency that has not submitted; its clerks get one notice, at most
// once per agency per day (Asia/Shanghai) even when two reviewers press at once; out of scope,
// already submitted and non-reviewers are refused; a user sees and marks only their own notices.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import { regionPath } from "@/lib/server/regions/ensure-region";
import { countUnreadNotifications } from "@/lib/server/notifications/count-unread-notifications";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { urgeAgency } from "@/lib/server/notifications/urge-agency";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const u = (id: string, role: CurrentUser["role"], extra: Partial<CurrentUser> = {}): CurrentUser => ({ id, username: id, displayName: id, role, regionCode: null, agencyId: null, mustChangePassword: false, ...extra });
let reviewer: CurrentUser, reviewer2: CurrentUser, otherReviewer: CurrentUser, clerk: CurrentUser, clerk2: CurrentUser;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_urge");
  const db = ctx.db;
  for (const [code, name] of [["640122", "贺兰县"], ["640121", "永宁县"]]) await db.region.create({ data: { code, name, level: "COUNTY", path: regionPath(code) } });
  await db.reportingYear.create({ data: { year: 2026, template: "T2021" } });
  const a = await db.agency.create({ data: { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP", regionCode: "640122" } });
  const b = await db.agency.create({ data: { code: "640122101000", name: "贺兰县金贵镇", kind: "TOWNSHIP", regionCode: "640122" } });
  await db.report.create({ data: { agencyId: b.id, year: 2026, template: "T2021", status: "SUBMITTED" } });
  const mk = async (username: string, role: "CLERK" | "REVIEWER", data: { agencyId?: string; regionCode?: string }) =>
    (await db.user.create({ data: { username, displayName: username, role, passwordHash: "x", ...data } })).id;
  clerk = u(await mk("c1", "CLERK", { agencyId: a.id }), "CLERK", { agencyId: a.id });
  clerk2 = u(await mk("c2", "CLERK", { agencyId: b.id }), "CLERK", { agencyId: b.id });
  reviewer = u(await mk("r1", "REVIEWER", { regionCode: "640122" }), "REVIEWER", { regionCode: "640122" });
  reviewer2 = u(await mk("r2", "REVIEWER", { regionCode: "640122" }), "REVIEWER", { regionCode: "640122" });
  otherReviewer = u(await mk("r3", "REVIEWER", { regionCode: "640121" }), "REVIEWER", { regionCode: "640121" });
}, 60_000);
afterAll(async () => ctx?.drop());

it("notifies the clerks once per agency per day, and audits it", async () => {
  const now = new Date("2027-01-10T03:00:00Z");
  const [x, y] = await Promise.all([reviewer, reviewer2].map((r) => urgeAgency(ctx.db, r, { agencyCode: "640122100000", year: 2026, now })));
  expect([x.ok, y.ok].sort()).toEqual([false, true]);
  expect([x, y].find((r) => !r.ok)).toMatchObject({ code: 409, message: expect.stringContaining("每个单位每天只能催报一次") });
  expect(await countUnreadNotifications(ctx.db, clerk)).toBe(1);
  expect(await ctx.db.auditEvent.count({ where: { action: "agency.urged" } })).toBe(1);
  // the next day (Shanghai) it may be urged again
  expect((await urgeAgency(ctx.db, reviewer, { agencyCode: "640122100000", year: 2026, now: new Date("2027-01-10T16:30:00Z") })).ok).toBe(true);
  expect(await countUnreadNotifications(ctx.db, clerk)).toBe(2);
});

it("refuses a submitted agency, another region's and a clerk", async () => {
  expect(await urgeAgency(ctx.db, reviewer, { agencyCode: "640122101000", year: 2026 })).toMatchObject({ ok: false, code: 409 });
  expect(await urgeAgency(ctx.db, otherReviewer, { agencyCode: "640122100000", year: 2026 })).toMatchObject({ ok: false, code: 404 });
  expect(await urgeAgency(ctx.db, clerk, { agencyCode: "640122100000", year: 2026 })).toMatchObject({ ok: false, code: 403 });
  expect(await countUnreadNotifications(ctx.db, clerk2)).toBe(0);
});

it("a user reads and marks only their own notices", async () => {
  const theirs = await listNotifications(ctx.db, clerk);
  expect(theirs.map((n) => n.kind)).toEqual(["URGE", "URGE"]);
  expect(theirs[0]!.createdAt >= theirs[1]!.createdAt).toBe(true);
  expect(await listNotifications(ctx.db, clerk2)).toEqual([]);
  expect(await markNotificationsRead(ctx.db, clerk2, theirs.map((n) => n.id))).toBe(0);
  expect(await countUnreadNotifications(ctx.db, clerk)).toBe(2);
  expect(await markNotificationsRead(ctx.db, clerk)).toBe(2);
  expect(await countUnreadNotifications(ctx.db, clerk)).toBe(0);
});
