"use client";
// The main menu: a row of links on wide screens; below 640 px a 菜单 disclosure button
// (aria-expanded) that shows them one per line. A client component, not an inline script:
// the pages' CSP allows no inline scripts.
import Link from "@/components/layout/IntentLink";
import { useState } from "react";

const LINKS = [
  { href: "/", label: "首页" },
  { href: "/reports", label: "查询报告" },
  { href: "/tools/validate", label: "校验报告文件" },
  { href: "/data", label: "开放数据" },
] as const;

export function SiteNav() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="site-nav" onClick={() => setOpen((o) => !o)}>
        菜单
      </button>
      <nav id="site-nav" aria-label="主导航" className={open ? "open" : undefined}>
        {LINKS.map((l) => (
          <Link key={l.href} href={l.href} onClick={() => setOpen(false)}>
            {l.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
