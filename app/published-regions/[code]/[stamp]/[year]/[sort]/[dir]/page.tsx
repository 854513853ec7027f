import type { Metadata } from "next";
import { regionPageInput } from "@/lib/server/cache/public-routes";
import { regionPageMetadata, RegionStatisticsPage } from "@/components/statistics/RegionStatisticsPage";

// /regions/CODE?year=&sort=&dir= as proxy.ts rewrites it (the "region" row of
// lib/server/cache/public-routes.ts, which says what changes its stamp and puts the query in the
// path, "latest" for no year): rendered once per stamp and query and then served from the route
// cache and the response cache in front of Next, on every instance. Nothing re-renders it in
// place: a `revalidate` would never run, since repeat requests are answered before they reach
// Next; what the page shows and its stamp does not count must be added to the stamp instead.
export const revalidate = false;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

type Params = { params: Promise<{ code: string; stamp: string; year: string; sort: string; dir: string }> };

async function input({ params }: Params) {
  return regionPageInput(await params);
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  return regionPageMetadata(await input(props));
}

export default async function CachedRegionPage(props: Params) {
  return <RegionStatisticsPage {...await input(props)} />;
}
