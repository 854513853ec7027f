import Link from "next/link";
import { Pager } from "@/components/admin/Pager";
import { UserForm } from "@/components/admin/UserForm";
import { UserRowActions } from "@/components/admin/UserRowActions";
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
        <table className="data" aria-label="用户列表">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>范围</th>
              <th>状态</th>
              <th>最近登录</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link href={`/admin/users/${u.id}`}>{u.username}</Link>
                </td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>
                  {u.role === "CLERK" && (u.agency ? `${u.agency.name}（${u.agency.code}）` : "未关联单位")}
                  {u.role === "REVIEWER" && (u.region ? `${u.region.name}（${u.regionCode}）及下级` : "未关联地区")}
                  {u.role === "ADMIN" && "全部"}
                </td>
                <td>
                  {u.active ? "启用" : "停用"}
                  {u.mustChangePassword && <div className="muted">待修改密码</div>}
                  {u.lockedUntil && u.lockedUntil > now && <div className="muted">已临时锁定</div>}
                </td>
                <td>{formatDateTime(u.lastLoginAt)}</td>
                <td>
                  <UserRowActions id={u.id} username={u.username} active={u.active} self={u.id === me.id} />
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  没有符合条件的用户。
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <Pager path="/admin/users" page={current} pages={pages} total={total} params={{ q, role }} />
      </div>
    </>
  );
}
