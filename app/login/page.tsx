import { connection } from "next/server";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/LoginForm";

export const metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { passwordChanged } = await searchParams;
  // rendered per request so that its scripts carry this request's CSP nonce (lib/server/security/csp.ts)
  await connection();
  return (
    <div className="card login-box">
      <h1 className="page-title">登录</h1>
      {passwordChanged === "1" && (
        <p role="status" className="alert info">
          密码已修改，所有登录均已退出，请用新密码重新登录。
        </p>
      )}
      <p className="muted">填报单位经办人、审核人和管理员请使用分配的账号登录。</p>
      <Suspense>
        <LoginForm />
      </Suspense>
    </div>
  );
}
