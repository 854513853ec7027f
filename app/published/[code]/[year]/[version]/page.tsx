import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublishedReport } from "@/components/public/PublishedReport";
import { publishedVersionOfParams, type VersionPageParams } from "@/lib/server/public/published-reports";
import { reportTitle } from "@/lib/templates";

// The current version of a published report, as /reports/CODE/YEAR shows it (the "report" row of
// lib/server/cache/public-routes.ts): proxy.ts looks
// up the current version number (one indexed query) and rewrites to this route, whose URL
// includes that number. A published version never changes, so the page is rendered once and
// then served from the full-route cache; a publication or correction changes the number and
// so the URL, on every app instance at once, without any invalidation. Only proxy.ts's own
// rewrites reach this route (a made-up version number would store one more page on disk); its
// canonical link names /reports/CODE/YEAR. The page shows only the published versions up to
// this one, which are never re-rendered: nothing in them changes while this one is current.
// proxy.ts gives it its Cache-Control and ETag.
export const revalidate = false;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

export async function generateMetadata(props: VersionPageParams): Promise<Metadata> {
  const report = await publishedVersionOfParams(props);
  if (!report) return { title: "报告不存在" };
  const { code } = report.document.agency;
  const { year } = report.document;
  return { title: reportTitle(report.document.agency.name, year), alternates: { canonical: `/reports/${code}/${year}` } };
}

export default async function CurrentPublishedVersionPage(props: VersionPageParams) {
  const report = await publishedVersionOfParams(props);
  if (!report) notFound();
  return <PublishedReport report={report} />;
}
