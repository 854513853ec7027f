// Notice e-mails over real SMTP: a reviewer's 退回 queues one job per notice on pg-boss; the
// worker sends it through nodemailer to an SMTP server this test starts on loopback (smtp-server).
// The clerk with an address gets one message with the Chinese subject; a clerk who turned
// e-mail off gets none.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import type { CurrentUser } from "@/lib/auth/guard";
import { regionPath } from "@/lib/server/regions/ensure-region";
import { setJobQueue } from "@/lib/server/jobs/job-queue";
import { startJobs } from "@/lib/server/jobs/start-jobs";
import { transitionReport } from "@/lib/server/reports/transition-report";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SMTPServer;
let boss: PgBoss;
const received: { to: string[]; raw: string }[] = [];
let reviewer: CurrentUser;
let reportId: string;

/** The Subject header, its RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = headers.split(/\r?\n/).find((l) => /^subject:/i.test(l)) ?? "";
  return line
    .replace(/^subject:\s*/i, "")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  ctx = await freshDatabase("govreports_email");
  const db = ctx.db;
  await db.region.create({ data: { code: "640122", name: "贺兰县", level: "COUNTY", path: regionPath("640122") } });
  await db.reportingYear.create({ data: { year: 2026, template: "T2021" } });
  const agency = await db.agency.create({ data: { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP", regionCode: "640122" } });
  reportId = (await db.report.create({ data: { agencyId: agency.id, year: 2026, template: "T2021", status: "SUBMITTED" } })).id;
  await db.user.create({ data: { username: "c-on", displayName: "王经办", role: "CLERK", passwordHash: "x", agencyId: agency.id, email: "wang@example.test" } });
  await db.user.create({ data: { username: "c-off", displayName: "李经办", role: "CLERK", passwordHash: "x", agencyId: agency.id, email: "li@example.test", emailNotices: false } });
  const r = await db.user.create({ data: { username: "r1", displayName: "审核人", role: "REVIEWER", passwordHash: "x", regionCode: "640122", email: "reviewer@example.test" } });
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, role: "REVIEWER", regionCode: "640122", agencyId: null, mustChangePassword: false };
  boss = await startJobs({ url: ctx.url, db });
}, 60_000);

afterAll(async () => {
  setJobQueue(null);
  await boss?.stop({ graceful: false, wait: true, timeout: 5_000 }).catch(() => undefined);
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  delete process.env.SMTP_URL;
  await ctx?.drop();
});

it("a return e-mails the clerk once, with the Chinese subject, and not the clerk who turned e-mail off", async () => {
  const result = await transitionReport(ctx.db, reviewer, { reportId, action: "return", expectedVersion: 1, reason: "第二表数字与正文不一致" });
  expect(result.ok).toBe(true);
  // both notices' jobs done (one sent, one skipped by the setting)
  await expect
    .poll(async () => (await ctx.db.$queryRawUnsafe<{ state: string }[]>(`SELECT state::text FROM pgboss.job WHERE name = 'notice-email'`)).map((j) => j.state), { timeout: 30_000, interval: 250 })
    .toEqual(["completed", "completed"]);
  expect(received).toHaveLength(1);
  expect(received[0]!.to).toEqual(["wang@example.test"]);
  expect(subjectOf(received[0]!.raw)).toBe("【退回】贺兰县习岗镇2026年度报告");
}, 60_000);
