import { HomePage } from "@/components/public/HomePage";

// Reached only when proxy.ts could not read the home page's stamp; otherwise / is rewritten to
// the cached app/published-home/[stamp].
export const dynamic = "force-dynamic";

export default HomePage;
