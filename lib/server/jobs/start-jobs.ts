import PgBoss from "pg-boss";
import { createPrismaClient, type Db } from "../prisma";
import { sendDeadlineReminders } from "../notifications/send-deadline-reminders";
import { sendNoticeEmail } from "../notifications/send-notice-email";
import { NOTICE_EMAIL_QUEUE, setJobQueue } from "./job-queue";

export const REMINDER_QUEUE = "deadline-reminders";
/** 08:00 every day, China time. */
export const REMINDER_CRON = "0 8 * * *";

/**
 * Starts the job queue on the app's own PostgreSQL (pg-boss, in its own schema `pgboss`): the
 * daily deadline reminder is a pg-boss schedule (one instance's cron sends the day's job) and
 * every instance works the queue. Which instance runs it does not matter: the notices' unique
 * keys make each reminder once.
 */
export async function startJobs({ url = process.env.DATABASE_URL, db, today }: { url?: string; db?: Db; today?: () => Date } = {}) {
  if (!url) throw new Error("DATABASE_URL 未设置。");
  const prisma = db ?? createPrismaClient(url);
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 2 });
  boss.on("error", (e) => console.error("[jobs]", e.message));
  await boss.start();
  await boss.createQueue(REMINDER_QUEUE);
  await boss.schedule(REMINDER_QUEUE, REMINDER_CRON, {}, { tz: "Asia/Shanghai", retryLimit: 3 });
  await boss.work<{ today?: string }>(REMINDER_QUEUE, async ([job]) => {
    const at = job?.data?.today ? new Date(job.data.today) : (today?.() ?? new Date());
    await sendDeadlineReminders(prisma, { label: "job:deadline-reminders" }, { today: at });
  });
  await boss.createQueue(NOTICE_EMAIL_QUEUE);
  await boss.work<{ notificationId: string }>(NOTICE_EMAIL_QUEUE, async (jobs) => {
    for (const job of jobs) await sendNoticeEmail(prisma, job.data.notificationId);
  });
  setJobQueue(boss);
  return boss;
}
