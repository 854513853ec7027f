// Deadline reminders by the job queue (pg-boss on the same PostgreSQL): two instances working
// the queue on one database, each running the day's job, still give each clerk of an agency
// with nothing submitted exactly one reminder; agencies that submitted get none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { regionPath } from "@/lib/server/regions/ensure-region";
import { setJobQueue } from "@/lib/server/jobs/job-queue";
import { REMINDER_QUEUE, startJobs, startJobsInServer } from "@/lib/server/jobs/start-jobs";
import { sendDeadlineReminders } from "@/lib/server/notifications/send-deadline-reminders";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const bosses: PgBoss[] = [];
let lateClerks: string[] = [];
let doneClerk: string;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_reminders");
  const db = ctx.db;
  await db.region.create({ data: { code: "640122", name: "贺兰县", level: "COUNTY", path: regionPath("640122") } });
  await db.reportingYear.create({ data: { year: 2026, template: "T2021", deadline: new Date("2027-01-31T00:00:00Z") } });
  const late = await db.agency.create({ data: { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP", regionCode: "640122" } });
  const done = await db.agency.create({ data: { code: "640122101000", name: "贺兰县金贵镇", kind: "TOWNSHIP", regionCode: "640122" } });
  await db.report.create({ data: { agencyId: late.id, year: 2026, template: "T2021", status: "RETURNED" } });
  await db.report.create({ data: { agencyId: done.id, year: 2026, template: "T2021", status: "SUBMITTED" } });
  lateClerks = await Promise.all(
    ["c1", "c2"].map(async (u) => (await db.user.create({ data: { username: u, displayName: u, role: "CLERK", passwordHash: "x", agencyId: late.id } })).id),
  );
  doneClerk = (await db.user.create({ data: { username: "c3", displayName: "c3", role: "CLERK", passwordHash: "x", agencyId: done.id } })).id;
}, 60_000);

afterAll(async () => {
  await Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true, timeout: 5_000 }).catch(() => undefined)));
  // the queue startJobs made this process's: the files after this one share the process
  setJobQueue(null);
  await ctx?.drop();
});

const reminders = () => ctx.db.notification.findMany({ where: { kind: "REMINDER" }, select: { recipientId: true, text: true, dedupeKey: true } });

describe("deadline reminders", () => {
  it("sends nothing on a day that is not 30, 7 or 1 days before the deadline", async () => {
    expect(await sendDeadlineReminders(ctx.db, { label: "test" }, { today: new Date("2027-01-20T02:00:00Z") })).toEqual({ sent: 0 });
    expect(await reminders()).toHaveLength(0);
  });

  it("job-queue instances starting at once on one database all start, and send each clerk the 7-day reminder once", async () => {
    // 2027-01-24 in Shanghai (the job's "today", injected): 7 days before 1月31日
    const today = "2027-01-23T20:00:00Z";
    // as a cluster's processes start: together, on a database without pg-boss's schema yet
    bosses.push(...(await Promise.all([0, 1, 2].map(() => startJobsInServer({ url: ctx.url, db: ctx.db })))));
    const ids = await Promise.all(bosses.map((b) => b.send(REMINDER_QUEUE, { today })));
    await expect
      .poll(async () => Promise.all(ids.map(async (id) => (await bosses[0]!.getJobById(REMINDER_QUEUE, id!))?.state)), { timeout: 30_000, interval: 250 })
      .toEqual(bosses.map(() => "completed"));
    const sent = await reminders();
    expect(sent.map((n) => n.recipientId).sort()).toEqual([...lateClerks].sort());
    expect(sent.some((n) => n.recipientId === doneClerk)).toBe(false);
    expect(sent[0]!.text).toContain("还有 7 天");
    // a third run the same day, and two at once, add nothing
    const again = await Promise.all([0, 1].map(() => sendDeadlineReminders(ctx.db, { label: "test" }, { today: new Date(today) })));
    expect(again).toEqual([{ sent: 0 }, { sent: 0 }]);
    expect(await reminders()).toHaveLength(2);
  }, 60_000);

  it("the 1-day reminder is a new notice, itself sent once even when two instances race", async () => {
    const today = new Date("2027-01-30T01:00:00Z");
    const results = await Promise.all([0, 1].map(() => sendDeadlineReminders(ctx.db, { label: "test" }, { today })));
    expect(results.map((r) => r.sent).sort()).toEqual([0, 2]);
    expect((await reminders()).filter((n) => n.dedupeKey?.endsWith(":1"))).toHaveLength(2);
  });

  it("the schedule is registered with pg-boss in the Shanghai time zone", async () => {
    const schedules = await bosses[0]!.getSchedules();
    expect(schedules).toEqual([expect.objectContaining({ name: REMINDER_QUEUE, cron: "0 8 * * *", timezone: "Asia/Shanghai" })]);
  });
});
