import PgBoss from "pg-boss";
import { createPrismaClient, type Db } from "../prisma";
import { sendDeadlineReminders } from "../notifications/send-deadline-reminders";
import { sendNoticeEmail } from "../notifications/send-notice-email";
import { PAGE_RENDER_QUEUE, renderPublishedPage, type PageRenderJob } from "../public/prerender-page";
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
  try {
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
    await boss.createQueue(PAGE_RENDER_QUEUE);
    // a county's reports published together are rendered a few at a time per process, one after
    // another (a render is ~CPU-bound: more at once would only slow the readers' requests)
    await boss.work<PageRenderJob>(PAGE_RENDER_QUEUE, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) await renderPublishedPage(job.data);
    });
  } catch (e) {
    // nothing left running for a retry to start twice
    await boss.stop({ graceful: false }).catch(() => {});
    throw e;
  }
  setJobQueue(boss);
  return boss;
}

/**
 * startJobs for a server process, tried again a few times: several processes starting at once
 * (the cluster's workers, a second instance) race on pg-boss's own schema and tables, and the
 * loser of a race gets "deadlock detected" or a duplicate-key error that is gone a moment later.
 */
export async function startJobsInServer({ db, url, attempts = 5 }: { db: Db; url?: string; attempts?: number }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startJobs({ db, url });
    } catch (e) {
      if (attempt >= attempts) throw e;
      // spread the retries so that the racing processes do not meet again
      await new Promise((r) => setTimeout(r, 500 * attempt + Math.random() * 1000));
    }
  }
}
