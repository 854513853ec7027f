import Link from "@/components/layout/IntentLink";
import { notFound } from "next/navigation";
import { AgencyForm } from "@/components/admin/AgencyForm";
import { requireUser } from "@/lib/auth/guard";
import { getAgencyForEdit, listRegions } from "@/lib/server/queries/admin";

export const metadata = { title: "编辑单位" };

export default async function EditAgencyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(["ADMIN"], `/admin/agencies/${id}`);
  const [agency, regions] = await Promise.all([getAgencyForEdit(id), listRegions()]);
  if (!agency) notFound();
  const { reports, clerks } = agency._count;
  return (
    <>
      <p>
        <Link href="/admin/agencies">← 填报单位</Link>
      </p>
      <h1 className="page-title">编辑单位 · {agency.name}</h1>
      <p className="lead">
        已有报告 {reports} 份，用户 {clerks} 个。{reports + clerks > 0 ? "有报告或用户的单位只能停用，不能删除。" : ""}
        {reports > 0 ? "已有报告的单位不能修改代码。" : ""}
      </p>
      <div className="card">
        <AgencyForm
          regions={regions.filter((r) => r.active || r.code === agency.regionCode)}
          agency={{ id: agency.id, code: agency.code, name: agency.name, kind: agency.kind, regionCode: agency.regionCode, active: agency.active, deletable: reports + clerks === 0 }}
        />
      </div>
    </>
  );
}
