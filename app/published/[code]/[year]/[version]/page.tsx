import { notFound } from "next/navigation";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { canonicalJson, type ReportDocument } from "@/lib/exchange";
import { db } from "@/lib/server/db";

// one published version never changes: rendered on first request, then served as a static page
export const revalidate = 3600;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

type Params = { params: Promise<{ code: string; year: string; version: string }> };

export default async function PublishedVersionPage({ params }: Params) {
  const { code, year, version } = await params;
  const v = await db.publishedVersion.findFirst({
    where: { versionNo: Number(version), report: { year: Number(year), agency: { code } } },
    select: { document: true },
  });
  if (!v) notFound();
  return <ReportDocumentView doc={canonicalJson(v.document as unknown as ReportDocument)} />;
}
