import { notFound } from "next/navigation";

// Every path no other page answers: the 404 page, rendered per request so that its scripts carry
// the request's CSP nonce (lib/server/security/csp.ts). Next's own 404 for such paths is
// prerendered and stored with a policy of its own hashes, which would be enforced beside the
// nonce policy proxy.ts gives every page it does not serve from the route cache.
export const dynamic = "force-dynamic";

export default function Missing() {
  notFound();
}
