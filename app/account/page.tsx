import Link from "@/components/layout/IntentLink";
import { NoticeSettingsForm } from "@/components/account/NoticeSettingsForm";
import { requireUser } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";

export const metadata = { title: "账号设置" };

export default async function AccountPage() {
  const user = await requireUser(["ADMIN", "REVIEWER", "CLERK"], "/account");
  const settings = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, emailNotices: true } });
  return (
    <div className="card">
      <h1 className="page-title">账号设置</h1>
      <p>
        {user.displayName}（{user.username}） · <Link href="/account/password">修改密码</Link> · <Link href="/notifications">通知</Link>
      </p>
      <h2>通知设置</h2>
      <p className="muted">退回、审核通过、发布、更正、审核意见、催报和截止提醒都会出现在“通知”中；填写电子邮箱后，也可以同时通过电子邮件接收。</p>
      <NoticeSettingsForm email={settings.email ?? ""} emailNotices={settings.emailNotices} />
    </div>
  );
}
