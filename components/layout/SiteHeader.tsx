import Link from "next/link";
import { AccountMenu } from "./AccountMenu";

// No session read here: public pages stay static and cacheable; the account corner
// fills itself in on the client.
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="inner">
        <Link href="/" className="brand">
          政府信息公开工作年度报告
        </Link>
        <nav aria-label="主导航">
          <Link href="/">首页</Link>
          <Link href="/reports">查询报告</Link>
          <Link href="/tools/validate">校验报告文件</Link>
          <Link href="/data">开放数据</Link>
        </nav>
        <AccountMenu />
      </div>
    </header>
  );
}
