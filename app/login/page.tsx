import { connection } from "next/server";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/LoginForm";

export const metadata = { title: "登录" };

export default async function LoginPage() {
  // rendered per request so that its scripts carry this request's CSP nonce (lib/server/security/csp.ts)
  await connection();
  return (
    <div className="card login-box">
      <h1 className="page-title">登录</h1>
      <p className="muted">填报单位经办人、审核人和管理员请使用分配的账号登录。</p>
      <Suspense>
        <LoginForm />
      </Suspense>
    </div>
  );
}
