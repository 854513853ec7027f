import Link from "@/components/layout/IntentLink";

const LINKS = [
  { href: "/admin", label: "概览" },
  { href: "/admin/regions", label: "行政区划" },
  { href: "/admin/agencies", label: "填报单位" },
  { href: "/admin/users", label: "用户" },
  { href: "/admin/years", label: "报告年度" },
  { href: "/admin/import", label: "批量导入" },
  { href: "/admin/audit", label: "操作记录" },
];

export function AdminNav() {
  return (
    <nav aria-label="系统管理" className="admin-nav no-print">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
