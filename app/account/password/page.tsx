import { PasswordChangeForm } from "@/components/account/PasswordChangeForm";
import { PASSWORD_CHANGE_PATH, requireUser } from "@/lib/auth/guard";
import { ROLE_HOME } from "@/lib/auth/roles";

export const metadata = { title: "修改密码" };

export default async function ChangePasswordPage() {
  const user = await requireUser(["ADMIN", "REVIEWER", "CLERK"], PASSWORD_CHANGE_PATH, { passwordChangePage: true });
  return (
    <div className="card login-box">
      <h1 className="page-title">修改密码</h1>
      {user.mustChangePassword && (
        <p className="alert info" role="note">
          您正在使用管理员发放的一次性密码，请先设置自己的新密码，然后才能继续使用系统。
        </p>
      )}
      <PasswordChangeForm username={user.username} afterReset={user.mustChangePassword} home={ROLE_HOME[user.role]} />
    </div>
  );
}
