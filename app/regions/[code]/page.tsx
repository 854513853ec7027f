import type { Metadata } from "next";
import { regionPageMetadata, RegionStatisticsPage } from "@/components/statistics/RegionStatisticsPage";

// Reached only for a region proxy.ts does not know (a 404): a known region's page is rewritten
// to the cached app/published-regions/… route.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

async function input({ params, searchParams }: Props) {
  const { code } = await params;
  const query = await searchParams;
  return { code, year: one(query.year), sort: one(query.sort), dir: one(query.dir) };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return regionPageMetadata(await input(props));
}

export default async function RegionPage(props: Props) {
  return <RegionStatisticsPage {...await input(props)} />;
}
