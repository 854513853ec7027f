import { ReportAuditPage } from "@/components/review/ReportAuditPage";
import { requireUser } from "@/lib/auth/guard";

export const metadata = { title: "审计记录" };

export default async function ReviewAuditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(["REVIEWER", "ADMIN"], `/review/reports/${id}/audit`);
  return <ReportAuditPage user={user} reportId={id} back={{ href: `/review/reports/${id}`, label: "审核页面" }} />;
}
