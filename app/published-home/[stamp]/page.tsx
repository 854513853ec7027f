import { HomePage } from "@/components/public/HomePage";

// / as proxy.ts rewrites it: the stamp (lib/server/cache/published-ref.ts) changes with every
// publication or correction anywhere and every change to the directory, so the page is rendered
// once per stamp and then served from the full-route cache on every instance.
// proxy.ts gives it its Cache-Control and ETag; the revalidate re-renders a page that is still
// asked for at most once a minute, a safety net for anything shown that its stamp does not count.
export const revalidate = 60;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

export default HomePage;
