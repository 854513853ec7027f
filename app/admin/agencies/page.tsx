import Link from "next/link";
import { AgencyForm } from "@/components/admin/AgencyForm";
import { Pager } from "@/components/admin/Pager";
import { FilterForm } from "@/components/layout/FilterForm";
import { requireUser } from "@/lib/auth/guard";
import { AGENCY_KIND_LABELS, isRegionCode } from "@/lib/codes";
import { listAgencies, listRegions } from "@/lib/server/queries/admin";

export const metadata = { title: "填报单位" };

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
        <table className="data" aria-label="单位列表">
          <thead>
            <tr>
              <th>单位</th>
              <th>代码</th>
              <th>类型</th>
              <th>所属地区</th>
              <th className="num">报告</th>
              <th className="num">用户</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/admin/agencies/${a.id}`}>{a.name}</Link>
                </td>
                <td className="muted">{a.code}</td>
                <td>{AGENCY_KIND_LABELS[a.kind]}</td>
                <td>{a.region.name}</td>
                <td className="num">{a._count.reports}</td>
                <td className="num">{a._count.clerks}</td>
                <td>{a.active ? "启用" : "停用"}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  没有符合条件的单位。
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <Pager path="/admin/agencies" page={current} pages={pages} total={total} params={{ q, region: regionCode }} />
      </div>
    </>
  );
}
