import { shanghaiDate } from "@/lib/notifications/shanghai-date";
import { recordAudit } from "../audit/record-audit";
import { enqueueNoticeEmails } from "../jobs/job-queue";
import type { Db } from "../prisma";

/** Days before a ReportingYear's deadline (1月31日) on which the clerks of agencies with nothing submitted are reminded. */
export const REMINDER_DAYS = [30, 7, 1] as const;

const DAY = 86_400_000;

/**
 * The daily reminder, run by the job queue (no signed-in user: the actor is the job). For each
 * year whose deadline is 30, 7 or 1 days after `today` (Asia/Shanghai), every active clerk of an
 * active agency that has submitted nothing for it gets a notice keyed
 * `reminder:<agency>:<year>:<days>`. The key is unique per recipient in the database, so however
 * many instances run the job, and however often, each clerk gets each reminder once.
 */
export async function sendDeadlineReminders(db: Db, actor: { label: string }, { today = new Date() }: { today?: Date } = {}) {
  const todayUtc = Date.parse(`${shanghaiDate(today)}T00:00:00Z`);
  const years = await db.reportingYear.findMany({ where: { deadline: { not: null } }, select: { year: true, deadline: true } });
  let sent = 0;
  for (const y of years) {
    const days = Math.round((y.deadline!.getTime() - todayUtc) / DAY);
    if (!(REMINDER_DAYS as readonly number[]).includes(days)) continue;
    const deadline = `${y.deadline!.getUTCMonth() + 1}月${y.deadline!.getUTCDate()}日`;
    const clerks = await db.user.findMany({
      where: {
        role: "CLERK",
        active: true,
        agency: { active: true, reports: { none: { year: y.year, status: { in: ["SUBMITTED", "APPROVED", "PUBLISHED"] } } } },
      },
      select: { id: true, agency: { select: { id: true, name: true } } },
    });
    if (clerks.length === 0) continue;
    const created = await db.$transaction(async (tx) => {
      const rows = await tx.notification.createManyAndReturn({
        data: clerks.map((c) => ({
          recipientId: c.id,
          kind: "REMINDER" as const,
          agencyId: c.agency!.id,
          year: y.year,
          text: `${c.agency!.name}${y.year}年度报告距报送截止（${deadline}）还有 ${days} 天，尚未提交审核，请尽快填报。`,
          dedupeKey: `reminder:${c.agency!.id}:${y.year}:${days}`,
        })),
        skipDuplicates: true,
        select: { id: true },
      });
      await enqueueNoticeEmails(tx, rows.map((r) => r.id));
      if (rows.length) {
        await recordAudit(tx, { actorLabel: actor.label, action: "notice.reminders", entityType: "ReportingYear", entityId: String(y.year), details: { days, sent: rows.length } });
      }
      return rows.length;
    });
    sent += created;
  }
  return { sent };
}
