import { DataTable, type Column } from "@/components/layout/DataTable";
import { OnboardingForm } from "@/components/admin/OnboardingForm";
import { requireUser } from "@/lib/auth/guard";

export const metadata = { title: "批量导入" };

const FILE_FORMATS = [
  { file: "单位名单", header: "代码,名称,类型,所属地区代码", examples: ["640122100000,贺兰县习岗镇,乡镇,640122", "640122-zrzy,贺兰县自然资源局,部门,640122"] },
  { file: "用户名单", header: "用户名,姓名,角色,范围", examples: ["clerk-xigang,习岗镇经办人,填报人,640122100000", "reviewer-helan,贺兰县政务公开办,审核人,640122", "admin2,第二管理员,管理员,"] },
];

const FORMAT_COLUMNS: Column<(typeof FILE_FORMATS)[number]>[] = [
  { header: "文件", cell: (f) => f.file },
  { header: "表头", cell: (f) => f.header },
  { header: "示例", cell: (f) => f.examples.flatMap((line, i) => (i > 0 ? [<br key={i} />, line] : [line])) },
];

export default async function ImportPage() {
  await requireUser(["ADMIN"], "/admin/import");
  return (
    <>
      <h1 className="page-title">批量导入</h1>
      <p className="lead">
        用两份 CSV 文件一次建好一个县的填报单位和账号：先在“行政区划”中建立地区，再上传单位名单和用户名单。用户名单中的填报人可以属于同时导入的单位。
      </p>
      <OnboardingForm />
      <div className="card">
        <h2>文件格式</h2>
        <DataTable label="文件格式" rows={FILE_FORMATS} rowKey={(f) => f.file} columns={FORMAT_COLUMNS} />
        <p className="muted">
          乡镇代码为 12 位统计用区划代码（以所属县的 6 位代码开头）；部门代码为 2–40 位字母、数字或“-”。填报人的范围是单位代码，审核人的范围是地区代码（含其下全部地区），管理员不填范围。
        </p>
      </div>
    </>
  );
}
