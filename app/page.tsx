import { HomePage } from "@/components/public/HomePage";

// proxy.ts rewrites every request for / to the cached app/published-home/[stamp]; this route
// renders the same page per request wherever the proxy does not run.
export const dynamic = "force-dynamic";

export default HomePage;
