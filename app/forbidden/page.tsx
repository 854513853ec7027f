import Link from "@/components/layout/IntentLink";
import { connection } from "next/server";

export const metadata = { title: "无权访问" };

// rendered per request: its scripts carry the request's CSP nonce (lib/server/security/csp.ts)
export default async function Forbidden() {
  await connection();
  return (
    <div className="card">
      <h1 className="page-title">无权访问</h1>
      <p>您的账号没有访问该页面的权限。如需调整权限，请联系系统管理员。</p>
      <p>
        <Link href="/me">返回我的工作台</Link> · <Link href="/">公开报告</Link>
      </p>
    </div>
  );
}
