import type PgBoss from "pg-boss";
import type { Db } from "../prisma";

/** The notice e-mail queue: one job per notice, retried with backoff when the SMTP server fails. */
export const NOTICE_EMAIL_QUEUE = "notice-email";
export const NOTICE_EMAIL_RETRY = { retryLimit: 5, retryDelay: 30, retryBackoff: true } as const;

let current: PgBoss | null = null;

/** Set by startJobs: the process's queue, for code that enqueues work. */
export function setJobQueue(boss: PgBoss | null) {
  current = boss;
}

type Tx = Pick<Db, "$queryRawUnsafe">;

/** pg-boss writing its jobs through the caller's transaction: they commit or roll back with it */
const through = (tx: Tx) => ({ executeSql: async (text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) });

/** Whether this process runs the queue (cli and scripts do not: what they would queue is skipped). */
export function jobQueueRunning() {
  return current !== null;
}

/** Enqueues one job inside the caller's transaction; nothing when this process runs no queue. */
export async function enqueueJob(tx: Tx, queue: string, data: object, options: PgBoss.SendOptions = {}) {
  if (!current) return;
  await current.send(queue, data, { ...options, db: through(tx) });
}

/**
 * Enqueues the e-mails of new notices inside the caller's transaction (pg-boss writes the jobs
 * through it), so a notice and its e-mail job commit or roll back together. Nothing is queued
 * when SMTP_URL is unset or this process runs no queue.
 */
export async function enqueueNoticeEmails(tx: Tx, notificationIds: string[]) {
  if (!current || !process.env.SMTP_URL || notificationIds.length === 0) return;
  const db = through(tx);
  for (const notificationId of notificationIds) {
    await current.send(NOTICE_EMAIL_QUEUE, { notificationId }, { ...NOTICE_EMAIL_RETRY, db });
  }
}
