import Link from "@/components/layout/IntentLink";
import { requireUser } from "@/lib/auth/guard";
import { NOTICE_LABELS } from "@/lib/notifications/kinds";
import { db } from "@/lib/server/db";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { MarkAllReadForm } from "@/components/notifications/MarkAllReadForm";

export const metadata = { title: "通知" };

const TIME = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });

export default async function NotificationsPage() {
  const user = await requireUser(["ADMIN", "REVIEWER", "CLERK"], "/notifications");
  const notices = await listNotifications(db, user);
  // opening the list reads what it shows; they stay marked 未读 in this view
  const unreadShown = notices.filter((n) => !n.readAt).map((n) => n.id);
  if (unreadShown.length) await markNotificationsRead(db, user, unreadShown);
  const reportHref = (id: string) => (user.role === "CLERK" ? `/workspace/reports/${id}` : `/review/reports/${id}`);
  return (
    <div className="card">
      <h1 className="page-title">通知</h1>
      {notices.length === 0 ? (
        <p>暂无通知。</p>
      ) : (
        <>
          <MarkAllReadForm />
          <ol className="notice-list" aria-label="通知列表">
            {notices.map((n) => (
              <li key={n.id} className={n.readAt ? "notice" : "notice unread"}>
                <strong>{NOTICE_LABELS[n.kind]}</strong>
                {!n.readAt && <span className="badge">未读</span>} <time dateTime={n.createdAt.toISOString()}>{TIME.format(n.createdAt)}</time>
                <p>{n.text}</p>
                {n.reportId && <Link href={reportHref(n.reportId)}>查看报告</Link>}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
