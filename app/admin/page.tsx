import Link from "@/components/layout/IntentLink";
import { DataTable, type Column } from "@/components/layout/DataTable";
import { requireUser } from "@/lib/auth/guard";
import { formatDate, TEMPLATE_LABELS } from "@/lib/reports/format";
import { getAdminOverview } from "@/lib/server/queries/workspace";

export const metadata = { title: "系统管理" };

const YEAR_COLUMNS: Column<Awaited<ReturnType<typeof getAdminOverview>>["years"][number]>[] = [
  { header: "年度", cell: (y) => y.year },
  { header: "报告格式", cell: (y) => TEMPLATE_LABELS[y.template] },
  { header: "报送截止", cell: (y) => formatDate(y.deadline) },
  { header: "状态", cell: (y) => (y.open ? "开放填报" : "已关闭") },
];

export default async function AdminHome() {
  await requireUser(["ADMIN"], "/admin");
  const { regions, agencies, users, reportCount, publishedCount, years } = await getAdminOverview();
  return (
    <>
      <h1 className="page-title">系统管理</h1>
      <div className="grid-2">
        <div className="card">
          <div className="muted">行政区划 / 填报单位</div>
          <div className="stat">
            {regions.length} / {agencies}
          </div>
        </div>
        <div className="card">
          <div className="muted">报告总数 / 已发布</div>
          <div className="stat">
            {reportCount} / {publishedCount}
          </div>
        </div>
      </div>

      <div className="card">
        <h2>报告年度</h2>
        <DataTable label="报告年度" rows={years} rowKey={(y) => y.year} columns={YEAR_COLUMNS} />
      </div>

      <div className="card">
        <h2>管理</h2>
        <ul>
          <li>
            <Link href="/admin/import">批量导入</Link>：用两份 CSV 文件（单位名单、用户名单）一次建好一个县的单位和账号
          </li>
          <li>
            <Link href="/admin/regions">行政区划</Link>（{regions.length} 个地区）、<Link href="/admin/agencies">填报单位</Link>（{agencies} 个）、
            <Link href="/admin/users">用户</Link>（{users} 个）、<Link href="/admin/years">报告年度</Link>
          </li>
          <li>
            <Link href="/admin/audit">操作记录</Link>：每项管理操作的操作人、时间和原值 → 新值
          </li>
        </ul>
      </div>
    </>
  );
}
