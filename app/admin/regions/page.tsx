import { RegionCreateForm, RegionEditForm } from "@/components/admin/RegionForms";
import { REGION_LEVEL_LABELS } from "@/lib/codes";
import { requireUser } from "@/lib/auth/guard";
import { listRegions } from "@/lib/server/queries/admin";

export const metadata = { title: "行政区划" };

const INDENT = { PROVINCE: 0, CITY: 1.5, COUNTY: 3 } as const;

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
        <table className="data" aria-label="行政区划">
          <thead>
            <tr>
              <th>地区</th>
              <th>代码</th>
              <th>级别</th>
              <th className="num">单位</th>
              <th className="num">审核人</th>
              <th>编辑</th>
            </tr>
          </thead>
          <tbody>
            {regions.map((r) => (
              <tr key={r.code}>
                <td style={{ paddingLeft: `${INDENT[r.level] + 0.6}em` }}>
                  {r.name}
                  {!r.active && <span className="muted">（已停用）</span>}
                </td>
                <td className="muted">{r.code}</td>
                <td>{REGION_LEVEL_LABELS[r.level]}</td>
                <td className="num">{r._count.agencies}</td>
                <td className="num">{r._count.reviewers}</td>
                <td>
                  <RegionEditForm
                    region={{ code: r.code, name: r.name, active: r.active }}
                    deletable={r._count.agencies + r._count.children + r._count.reviewers === 0}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
