import type { Metadata } from "next";
import { agencyPageMetadata, AgencyHistoryPage } from "@/components/statistics/AgencyHistoryPage";

// Reached only for an agency proxy.ts does not know (a 404): a known agency's page is rewritten
// to the cached app/published-agencies/… route.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return agencyPageMetadata((await params).code);
}

export default async function AgencyPage({ params }: Props) {
  return <AgencyHistoryPage code={(await params).code} />;
}
