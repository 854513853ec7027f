import { DataTable } from "@/components/layout/DataTable";
import { Pager } from "@/components/admin/Pager";
import { requireUser } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/reports/format";
import { listAdminAudit } from "@/lib/server/queries/admin";

export const metadata = { title: "操作记录" };

const ACTION_LABELS: Record<string, string> = {
  "region.create": "新建地区",
  "region.update": "修改地区",
  "region.delete": "删除地区",
  "agency.create": "新建单位",
  "agency.update": "修改单位",
  "agency.delete": "删除单位",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.deactivate": "停用用户",
  "user.reactivate": "启用用户",
  "user.resetPassword": "重置密码",
  "user.changePassword": "修改本人密码",
  "user.oneTimePasswordsDownload": "获取一次性密码",
  "reportingYear.create": "新建报告年度",
  "reportingYear.update": "修改报告年度",
  "onboarding.import": "批量导入",
};

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "（空）" : v === true ? "是" : v === false ? "否" : String(v));

/** old → new for a change, the new values for a creation, the removed ones for a deletion. */
function describe(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.username === "string") parts.push(d.username);
  if (typeof d.code === "string") parts.push(d.code);
  if (d.changes && typeof d.changes === "object")
    for (const [field, pair] of Object.entries(d.changes as Record<string, [unknown, unknown]>)) parts.push(`${field}: ${show(pair[0])} → ${show(pair[1])}`);
  for (const key of ["new", "old"] as const)
    if (d[key] && typeof d[key] === "object")
      parts.push(`${key === "new" ? "新" : "原"}：${Object.entries(d[key] as Record<string, unknown>).map(([k, v]) => `${k}=${show(v)}`).join("，")}`);
  if (typeof d.format === "string" && typeof d.count === "number") parts.push(`${d.format}，${d.count} 个账号${Array.isArray(d.usernames) ? `：${d.usernames.slice(0, 20).join("、")}${d.usernames.length > 20 ? " 等" : ""}` : ""}`);
  if (typeof d.line === "number") parts.push(`（批量导入第 ${d.line} 行）`);
  if (d.agenciesCreated !== undefined) parts.push(`新建单位 ${d.agenciesCreated}，修改单位 ${d.agenciesUpdated}，新建用户 ${d.usersCreated}`);
  return parts.join("；");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireUser(["ADMIN"], "/admin/audit");
  const { page } = await searchParams;
  const { rows, total, pages, page: current } = await listAdminAudit({ page: Number(page) || 1 });
  return (
    <>
      <h1 className="page-title">操作记录</h1>
      <div className="card">
        <DataTable
          label="操作记录"
          rows={rows}
          rowKey={(e) => String(e.id)}
          columns={[
            { header: "时间", cell: (e) => formatDateTime(e.at) },
            { header: "操作人", cell: (e) => (e.actor ? `${e.actor.displayName}（${e.actor.username}）` : (e.actorLabel ?? "—")) },
            { header: "操作", cell: (e) => ACTION_LABELS[e.action] ?? e.action },
            { header: "内容（原值 → 新值）", cell: (e) => describe(e.details) },
          ]}
        />
        <Pager path="/admin/audit" page={current} pages={pages} total={total} params={{}} />
      </div>
    </>
  );
}
