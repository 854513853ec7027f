import { requireUser } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate, formatDateTime, TEMPLATE_LABELS } from "@/lib/reports/format";
import { getAdminOverview } from "@/lib/server/queries/workspace";

export const metadata = { title: "系统管理" };

const LEVEL_LABELS = { PROVINCE: "省级", CITY: "市级", COUNTY: "县级" } as const;

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
            {regions.length} / {agencies.length}
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
        <table className="data" aria-label="报告年度">
          <thead>
            <tr>
              <th>年度</th>
              <th>报告格式</th>
              <th>报送截止</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <td>{y.year}</td>
                <td>{TEMPLATE_LABELS[y.template]}</td>
                <td>{formatDate(y.deadline)}</td>
                <td>{y.open ? "开放填报" : "已关闭"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="card">
        <h2>行政区划与填报单位</h2>
        <table className="data" aria-label="填报单位">
          <thead>
            <tr>
              <th>单位</th>
              <th>代码</th>
              <th>所属地区</th>
              <th>类型</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td className="muted">{a.code}</td>
                <td>{a.region.name}</td>
                <td>{a.kind === "TOWNSHIP" ? "乡镇（街道）" : "部门"}</td>
                <td>{a.active ? "启用" : "停用"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          行政区划：
          {regions.map((r) => `${r.name}（${r.code}，${LEVEL_LABELS[r.level]}）`).join(" › ")}
        </p>
      </div>

      <div className="card">
        <h2>用户</h2>
        <table className="data" aria-label="用户">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名 / 名称</th>
              <th>角色</th>
              <th>范围</th>
              <th>状态</th>
              <th>最近登录</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.region?.name ?? u.agency?.name ?? "全部"}</td>
                <td>{u.active ? "启用" : "停用"}</td>
                <td>{formatDateTime(u.lastLoginAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
