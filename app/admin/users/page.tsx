import Link from "@/components/layout/IntentLink";
import { Pager } from "@/components/admin/Pager";
import { UserForm } from "@/components/admin/UserForm";
import { UserRowActions } from "@/components/admin/UserRowActions";
import { DataTable, type Column } from "@/components/layout/DataTable";
import { FilterForm } from "@/components/layout/FilterForm";
import { requireUser } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/reports/format";
import { listUsers } from "@/lib/server/queries/admin";

export const metadata = { title: "用户" };

const ROLES = ["CLERK", "REVIEWER", "ADMIN"] as const;

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; role?: string; page?: string }> }) {
  const me = await requireUser(["ADMIN"], "/admin/users");
  const { q = "", role: roleParam, page } = await searchParams;
  const role = ROLES.find((r) => r === roleParam);
  const { rows, total, pages, page: current } = await listUsers({ q, role, page: Number(page) || 1 });
  const now = new Date();
  const columns: Column<(typeof rows)[number]>[] = [
    { header: "用户名", cell: (u) => <Link href={`/admin/users/${u.id}`}>{u.username}</Link> },
    { header: "姓名", cell: (u) => u.displayName },
    { header: "角色", cell: (u) => ROLE_LABELS[u.role] },
    {
      header: "范围",
      cell: (u) => (
        <>
          {u.role === "CLERK" && (u.agency ? `${u.agency.name}（${u.agency.code}）` : "未关联单位")}
          {u.role === "REVIEWER" && (u.region ? `${u.region.name}（${u.regionCode}）及下级` : "未关联地区")}
          {u.role === "ADMIN" && "全部"}
        </>
      ),
    },
    {
      header: "状态",
      cell: (u) => (
        <>
          {u.active ? "启用" : "停用"}
          {u.mustChangePassword && <div className="muted">待修改密码</div>}
          {u.lockedUntil && u.lockedUntil > now && <div className="muted">已临时锁定</div>}
        </>
      ),
    },
    { header: "最近登录", cell: (u) => formatDateTime(u.lastLoginAt) },
    { header: "操作", cell: (u) => <UserRowActions id={u.id} username={u.username} active={u.active} self={u.id === me.id} /> },
  ];

  return (
    <>
      <h1 className="page-title">用户</h1>
      <details className="card">
        <summary>新建用户</summary>
        <UserForm />
      </details>
      <div className="card">
        <FilterForm
          role="search"
          submitLabel="查找"
          fields={[
            { kind: "search", name: "q", label: "搜索", value: q, placeholder: "用户名、姓名、单位或地区", accessibleName: "搜索用户" },
            { kind: "select", name: "role", label: "角色", value: role ?? "", all: "全部", accessibleName: "角色", options: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })) },
          ]}
        />
        <DataTable label="用户列表" rows={rows} rowKey={(u) => u.id} empty="没有符合条件的用户。" columns={columns} />
        <Pager path="/admin/users" page={current} pages={pages} total={total} params={{ q, role }} />
      </div>
    </>
  );
}
