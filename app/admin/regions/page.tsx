import { RegionCreateForm, RegionEditForm } from "@/components/admin/RegionForms";
import { DataTable, type Column } from "@/components/layout/DataTable";
import { REGION_LEVEL_LABELS } from "@/lib/codes";
import { requireUser } from "@/lib/auth/guard";
import { listRegions } from "@/lib/server/queries/admin";

export const metadata = { title: "行政区划" };

const INDENT = { PROVINCE: 0, CITY: 1.5, COUNTY: 3 } as const;

const REGION_COLUMNS: Column<Awaited<ReturnType<typeof listRegions>>[number]>[] = [
  {
    header: "地区",
    style: (r) => ({ paddingLeft: `${INDENT[r.level] + 0.6}em` }),
    cell: (r) => (
      <>
        {r.name}
        {!r.active && <span className="muted">（已停用）</span>}
      </>
    ),
  },
  { header: "代码", className: "muted", cell: (r) => r.code },
  { header: "级别", cell: (r) => REGION_LEVEL_LABELS[r.level] },
  { header: "单位", num: true, cell: (r) => r._count.agencies },
  { header: "审核人", num: true, cell: (r) => r._count.reviewers },
  {
    header: "编辑",
    cell: (r) => (
      <RegionEditForm region={{ code: r.code, name: r.name, active: r.active }} deletable={r._count.agencies + r._count.children + r._count.reviewers === 0} />
    ),
  },
];

export default async function RegionsPage() {
  await requireUser(["ADMIN"], "/admin/regions");
  const regions = await listRegions();
  return (
    <>
      <h1 className="page-title">行政区划</h1>
      <details className="card" open={regions.length === 0}>
        <summary>新建地区</summary>
        <RegionCreateForm regions={regions.filter((r) => r.level !== "COUNTY" && r.active).map(({ code, name }) => ({ code, name }))} />
      </details>
      <div className="card">
        <DataTable label="行政区划" rows={regions} rowKey={(r) => r.code} columns={REGION_COLUMNS} />
      </div>
    </>
  );
}
