import Link from "@/components/layout/IntentLink";
import { AccountMenu } from "./AccountMenu";
import { SiteNav } from "./SiteNav";

// No session read here: public pages stay static and cacheable; the account corner
// fills itself in on the client.
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="inner">
        <Link href="/" className="brand">
          政府信息公开工作年度报告
        </Link>
        <SiteNav />
        <AccountMenu />
      </div>
    </header>
  );
}
