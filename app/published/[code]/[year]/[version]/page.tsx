import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PublishedReport } from "@/components/public/PublishedReport";
import { getPublishedReport, parseReportKey, parseVersionNo } from "@/lib/server/public/published-reports";
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

type Params = { params: Promise<{ code: string; year: string; version: string }> };

// once per render: the metadata and the page read the same report (without this, twice each)
const read = cache((code: string, year: string, version: string) => {
  const key = parseReportKey(code, year);
  const versionNo = parseVersionNo(version);
  return key && versionNo ? getPublishedReport(key.code, key.year, versionNo) : null;
});

async function load({ params }: Params) {
  const { code, year, version } = await params;
  return read(code, year, version);
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const report = await load(props);
  if (!report) return { title: "报告不存在" };
  const { code } = report.document.agency;
  const { year } = report.document;
  return { title: reportTitle(report.document.agency.name, year), alternates: { canonical: `/reports/${code}/${year}` } };
}

export default async function CurrentPublishedVersionPage(props: Params) {
  const report = await load(props);
  if (!report) notFound();
  return <PublishedReport report={report} />;
}
