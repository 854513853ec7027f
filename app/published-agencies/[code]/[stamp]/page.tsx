import type { Metadata } from "next";
import { agencyPageMetadata, AgencyHistoryPage } from "@/components/statistics/AgencyHistoryPage";

// /agencies/CODE as proxy.ts rewrites it: the stamp (lib/server/cache/published-ref.ts) counts
// the agency's published versions and the changes to the directory, so the page is rendered once
// per stamp and then served from the full-route cache on every instance.
// proxy.ts gives it its Cache-Control and ETag; the revalidate re-renders a page that is still
// asked for at most once a minute, a safety net for anything shown that its stamp does not count.
export const revalidate = 60;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

type Params = { params: Promise<{ code: string; stamp: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return agencyPageMetadata((await params).code);
}

export default async function CachedAgencyPage({ params }: Params) {
  return <AgencyHistoryPage code={(await params).code} />;
}
