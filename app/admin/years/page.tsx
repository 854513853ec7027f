import { DataTable, type Column } from "@/components/layout/DataTable";
import { ReportingYearForm } from "@/components/admin/ReportingYearForm";
import { requireUser } from "@/lib/auth/guard";
import { listReportingYears } from "@/lib/server/queries/admin";

export const metadata = { title: "报告年度" };

const YEAR_COLUMNS: Column<Awaited<ReturnType<typeof listReportingYears>>[number]>[] = [
  { header: "年度", cell: (y) => `${y.year} 年度` },
  { header: "报告", num: true, cell: (y) => y.reportCount },
  {
    header: "设置",
    cell: (y) => (
      <ReportingYearForm
        year={{ year: y.year, template: y.template === "T2019" ? "2019" : "2021", deadline: y.deadline?.toISOString().slice(0, 10) ?? "", open: y.open }}
      />
    ),
  },
];

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
        <DataTable label="报告年度" rows={years} rowKey={(y) => y.year} columns={YEAR_COLUMNS} />
      </div>
    </>
  );
}
