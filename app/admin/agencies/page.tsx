import Link from "@/components/layout/IntentLink";
import { AgencyForm } from "@/components/admin/AgencyForm";
import { Pager } from "@/components/admin/Pager";
import { DataTable, type Column } from "@/components/layout/DataTable";
import { FilterForm } from "@/components/layout/FilterForm";
import { requireUser } from "@/lib/auth/guard";
import { AGENCY_KIND_LABELS, isRegionCode } from "@/lib/codes";
import { listAgencies, listRegions } from "@/lib/server/queries/admin";

export const metadata = { title: "填报单位" };

const AGENCY_COLUMNS: Column<Awaited<ReturnType<typeof listAgencies>>["rows"][number]>[] = [
  { header: "单位", cell: (a) => <Link href={`/admin/agencies/${a.id}`}>{a.name}</Link> },
  { header: "代码", className: "muted", cell: (a) => a.code },
  { header: "类型", cell: (a) => AGENCY_KIND_LABELS[a.kind] },
  { header: "所属地区", cell: (a) => a.region.name },
  { header: "报告", num: true, cell: (a) => a._count.reports },
  { header: "用户", num: true, cell: (a) => a._count.clerks },
  { header: "状态", cell: (a) => (a.active ? "启用" : "停用") },
];

export default async function AgenciesPage({ searchParams }: { searchParams: Promise<{ q?: string; region?: string; page?: string }> }) {
  await requireUser(["ADMIN"], "/admin/agencies");
  const { q = "", region, page } = await searchParams;
  const regionCode = isRegionCode(region) ? region : undefined;
  const [{ rows, total, pages, page: current }, regions] = await Promise.all([listAgencies({ q, regionCode, page: Number(page) || 1 }), listRegions()]);
  const activeRegions = regions.filter((r) => r.active);

  return (
    <>
      <h1 className="page-title">填报单位</h1>
      <details className="card">
        <summary>新建单位</summary>
        <AgencyForm regions={activeRegions} />
      </details>
      <div className="card">
        <FilterForm
          role="search"
          submitLabel="查找"
          fields={[
            { kind: "search", name: "q", label: "搜索", value: q, placeholder: "代码、名称或地区", accessibleName: "搜索单位" },
            { kind: "select", name: "region", label: "地区", value: regionCode ?? "", all: "全部", accessibleName: "地区", options: regions.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` })) },
          ]}
        />
        <DataTable label="单位列表" rows={rows} rowKey={(a) => a.id} empty="没有符合条件的单位。" columns={AGENCY_COLUMNS} />
        <Pager path="/admin/agencies" page={current} pages={pages} total={total} params={{ q, region: regionCode }} />
      </div>
    </>
  );
}
