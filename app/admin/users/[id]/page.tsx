import Link from "@/components/layout/IntentLink";
import { notFound } from "next/navigation";
import { UserForm } from "@/components/admin/UserForm";
import { UserRowActions } from "@/components/admin/UserRowActions";
import { scopeLabel } from "@/lib/admin/scope-label";
import { requireUser } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { getUserForEdit } from "@/lib/server/queries/admin";
import { searchScopes } from "@/lib/server/users/search-scopes";

export const metadata = { title: "编辑用户" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await requireUser(["ADMIN"], `/admin/users/${id}`);
  const user = await getUserForEdit(id);
  if (!user) notFound();
  const scopeCode = user.role === "CLERK" ? (user.agency?.code ?? "") : user.role === "REVIEWER" ? (user.regionCode ?? "") : "";
  // the scope as the picker shows it
  const current = scopeCode ? (await searchScopes(db, me, { role: user.role, q: scopeCode })).options.find((o) => o.code === scopeCode) : undefined;
  const label = current ? scopeLabel(current) : scopeCode;
  return (
    <>
      <p>
        <Link href="/admin/users">← 用户</Link>
      </p>
      <h1 className="page-title">
        编辑用户 · {user.username}（{user.active ? "启用" : "停用"}）
      </h1>
      <div className="card">
        <UserForm user={{ id: user.id, username: user.username, displayName: user.displayName, email: user.email ?? "", role: user.role, scopeCode, scopeLabel: label }} />
      </div>
      <div className="card">
        <h2>密码与状态</h2>
        <UserRowActions id={user.id} username={user.username} active={user.active} self={user.id === me.id} />
      </div>
    </>
  );
}
