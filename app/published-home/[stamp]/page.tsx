import { HomePage } from "@/components/public/HomePage";

// / as proxy.ts rewrites it: the stamp (lib/server/cache/published-ref.ts) changes with every
// publication or correction anywhere and every change to the directory, so the page is rendered
// once per stamp and then served from the full-route cache on every instance. The short
// revalidate only sets a short s-maxage for shared caches in front of /.
export const revalidate = 60;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

export default HomePage;
