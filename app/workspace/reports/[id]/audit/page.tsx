import { ReportAuditPage } from "@/components/review/ReportAuditPage";
import { requireUser } from "@/lib/auth/guard";

export const metadata = { title: "审计记录" };

/** The clerk's view of the audit trail of their own agency's report (scope checked in the query). */
export default async function WorkspaceAuditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(["CLERK"], `/workspace/reports/${id}/audit`);
  return <ReportAuditPage user={user} reportId={id} back={{ href: "/workspace", label: "填报工作台" }} />;
}
