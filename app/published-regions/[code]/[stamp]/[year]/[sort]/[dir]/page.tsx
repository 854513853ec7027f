import type { Metadata } from "next";
import { regionPageMetadata, RegionStatisticsPage } from "@/components/statistics/RegionStatisticsPage";

// /regions/CODE?year=&sort=&dir= as proxy.ts rewrites it: the stamp (lib/server/cache/published-ref.ts)
// changes with every publication or correction under the region and every change to the
// directory of regions and agencies, so the page is rendered once per stamp and query and then
// served from the full-route cache, on every app instance, with no invalidation. The query is
// in the path, parsed by proxy.ts ("latest" for no year).
// proxy.ts gives it its Cache-Control and ETag; the revalidate re-renders a page that is still
// asked for at most once a minute, a safety net for anything shown that its stamp does not count.
export const revalidate = 60;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

type Params = { params: Promise<{ code: string; stamp: string; year: string; sort: string; dir: string }> };

async function input({ params }: Params) {
  const { code, year, sort, dir } = await params;
  return { code, year: year === "latest" ? undefined : year, sort, dir };
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  return regionPageMetadata(await input(props));
}

export default async function CachedRegionPage(props: Params) {
  return <RegionStatisticsPage {...await input(props)} />;
}
