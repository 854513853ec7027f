import type { Metadata } from "next";
import { agencyPageMetadata, AgencyHistoryPage } from "@/components/statistics/AgencyHistoryPage";

// /agencies/CODE as proxy.ts rewrites it (the "agency" row of lib/server/cache/public-routes.ts,
// which says what changes its stamp): rendered once per stamp and then served from the route
// cache and the response cache in front of Next, on every instance. Nothing re-renders it in
// place: a `revalidate` would never run, since repeat requests are answered before they reach
// Next; what the page shows and its stamp does not count must be added to the stamp instead.
export const revalidate = false;
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
