import Link from "@/components/layout/IntentLink";
import { PrintButton } from "@/components/admin/PrintButton";
import { FIRST_SIGN_IN_NOTE } from "@/lib/admin/one-time-password-sheet";
import { requireUser } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/reports/format";
import { db } from "@/lib/server/db";
import { requestOrigin } from "@/lib/server/security/request-origin";
import { takeOneTimePasswords } from "@/lib/server/users/take-one-time-passwords";

export const metadata = { title: "一次性密码条" };
export const dynamic = "force-dynamic";

/** Slips per printed A4 page: two columns of four, each about 65 mm high, cut apart along the dashed lines. */
const SLIPS_PER_PAGE = 8;

/**
 * The printable sheet of one slip per new account, served once (opening this page takes the
 * batch's slips: lib/server/users/take-one-time-passwords.ts). Linked with a plain <a>, never a
 * prefetching <Link>, so that nothing but the administrator's click opens it.
 */
export default async function OneTimePasswordSlipsPage({ params }: { params: Promise<{ id: string }> }) {
  // the batch id stays out of the sign-in redirect
  const me = await requireUser(["ADMIN"], "/admin/users");
  const taken = await takeOneTimePasswords(db, me, (await params).id, "slips");
  if (!taken.ok)
    return (
      <>
        <h1 className="page-title">一次性密码条</h1>
        <p className="alert error" role="alert">
          {taken.message}
        </p>
        <p>
          <Link href="/admin/users">← 用户</Link>
        </p>
      </>
    );
  const login = `${(await requestOrigin()) ?? process.env.NEXTAUTH_URL ?? ""}/login`;
  const pages: (typeof taken.accounts)[] = [];
  for (let i = 0; i < taken.accounts.length; i += SLIPS_PER_PAGE) pages.push(taken.accounts.slice(i, i + SLIPS_PER_PAGE));
  return (
    <>
      <div className="no-print">
        <h1 className="page-title">一次性密码条（{taken.accounts.length} 个账号）</h1>
        <p className="alert info">
          本页只显示这一次：刷新或离开后无法再次打开。请现在打印（A4，每页 {SLIPS_PER_PAGE} 条，沿虚线剪开后分发给本人）。
        </p>
        <div className="row-actions">
          <PrintButton label="打印密码条" />
        </div>
      </div>
      <div className="otp-sheet">
        {pages.map((slips, p) => (
          <section key={p} className="otp-page" aria-label={`第 ${p + 1} 页`}>
            {slips.map((a) => (
              <article key={a.username} className="otp-slip" aria-label={`${a.username} 的密码条`}>
                <h2>政府信息公开工作年度报告系统 · 账号</h2>
                <dl>
                  <dt>用户名</dt>
                  <dd className="secret">{a.username}</dd>
                  <dt>姓名</dt>
                  <dd>{a.displayName}</dd>
                  <dt>单位</dt>
                  <dd>{a.scopeName}</dd>
                  <dt>一次性密码</dt>
                  <dd className="secret">{a.oneTimePassword}</dd>
                  <dt>登录地址</dt>
                  <dd>{login}</dd>
                </dl>
                <p className="otp-note">
                  <strong>{FIRST_SIGN_IN_NOTE}</strong>。签发：{formatDateTime(taken.createdAt)}
                </p>
              </article>
            ))}
          </section>
        ))}
      </div>
    </>
  );
}
