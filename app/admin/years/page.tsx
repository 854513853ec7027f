import { ReportingYearForm } from "@/components/admin/ReportingYearForm";
import { requireUser } from "@/lib/auth/guard";
import { listReportingYears } from "@/lib/server/queries/admin";

export const metadata = { title: "报告年度" };

export default async function YearsPage() {
  await requireUser(["ADMIN"], "/admin/years");
  const years = await listReportingYears();
  return (
    <>
      <h1 className="page-title">报告年度</h1>
      <div className="card">
        <h2>新建报告年度</h2>
        <p className="muted">年度决定默认格式：2020 年及以前用 2019 版，2021 年起用 2021 版。已有报告的年度不能再改格式。</p>
        <ReportingYearForm />
      </div>
      <div className="card">
        <table className="data" aria-label="报告年度">
          <thead>
            <tr>
              <th>年度</th>
              <th className="num">报告</th>
              <th>设置</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <td>{y.year} 年度</td>
                <td className="num">{y.reportCount}</td>
                <td>
                  <ReportingYearForm
                    year={{ year: y.year, template: y.template === "T2019" ? "2019" : "2021", deadline: y.deadline?.toISOString().slice(0, 10) ?? "", open: y.open }}
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
