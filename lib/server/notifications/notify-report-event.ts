import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { NOTICE_LABELS } from "@/lib/notifications/kinds";
import { enqueueNoticeEmails } from "../jobs/job-queue";
import type { Db } from "../prisma";

type Tx = Pick<Db, "report" | "user" | "notification" | "$queryRawUnsafe">;

export interface ReportEvent {
  kind: Exclude<NotificationKind, "URGE" | "REMINDER">;
  reportId: string;
  /** who acted: never notified of their own act */
  actorId: string;
  /** the reason, the correction note or the comment, quoted in the notice */
  detail?: string | null;
  /** for a publication: the version number (2+ is a correction) */
  versionNo?: number;
}

const QUOTE_MAX = 200;
const quote = (s: string) => (s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);

/**
 * The one place a report's workflow event becomes notices, called inside the event's own
 * transaction (so a rolled-back event leaves no notice): the agency's active clerks hear of a
 * return, an approval, a publication or correction and a reviewer's comment; a clerk's
 * submission goes to the active reviewers whose region covers the agency. Returns the new
 * notices' ids (for the e-mail jobs).
 */
export async function notifyReportEvent(tx: Tx, event: ReportEvent): Promise<string[]> {
  const report = await tx.report.findUniqueOrThrow({
    where: { id: event.reportId },
    select: { id: true, year: true, agency: { select: { id: true, name: true, region: { select: { path: true } } } } },
  });
  const recipients =
    event.kind === "SUBMITTED"
      ? await tx.user.findMany({
          where: { role: "REVIEWER", active: true, regionCode: { in: report.agency.region.path.split("/").filter(Boolean) } },
          select: { id: true },
        })
      : await tx.user.findMany({ where: { role: "CLERK", active: true, agencyId: report.agency.id }, select: { id: true } });
  const to = recipients.filter((r) => r.id !== event.actorId);
  if (to.length === 0) return [];
  const subject = `${report.agency.name}${report.year}年度报告`;
  const detail = event.detail?.trim() ? quote(event.detail.trim()) : "";
  const text = (() => {
    switch (event.kind) {
      case "RETURNED":
        return `${subject}被${NOTICE_LABELS.RETURNED}，退回理由：${detail}`;
      case "APPROVED":
        return `${subject}已${NOTICE_LABELS.APPROVED}，等待发布。`;
      case "PUBLISHED":
        return `${subject}已${NOTICE_LABELS.PUBLISHED}。`;
      case "CORRECTED":
        return `${subject}的${NOTICE_LABELS.CORRECTED}已发布（第 ${event.versionNo ?? 2} 版）。`;
      case "COMMENT":
        return `${subject}收到${NOTICE_LABELS.COMMENT}：${detail}`;
      case "SUBMITTED":
        return `${subject}已${NOTICE_LABELS.SUBMITTED}。`;
    }
  })();
  const created = await tx.notification.createManyAndReturn({
    data: to.map((r) => ({ recipientId: r.id, kind: event.kind, reportId: report.id, agencyId: report.agency.id, year: report.year, text })),
    select: { id: true },
  });
  const ids = created.map((c) => c.id);
  await enqueueNoticeEmails(tx, ids);
  return ids;
}
