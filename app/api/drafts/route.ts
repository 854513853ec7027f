import { cookies, headers } from "next/headers";
import { answerDraftSave, draftReplyHeaders } from "@/lib/server/reports/draft-save-request";
import { clientAddressFrom } from "@/lib/server/security/client-address";

// POST /api/drafts (JSON: the editor's SaveDraftInput): 保存草稿, the editor's save. A route
// handler rather than a server action: an action's request passes through Next's page router,
// its action decoding and its RSC reply. Where the app runs through scripts/lib/next-cluster.cjs
// (`npm start`, the bench, the Docker image) the same save is answered in front of Next
// (lib/server/reports/draft-save-front.ts), and this handler sees no such request; the checks
// and the answer are one function for both (lib/server/reports/draft-save-request.ts).
export async function POST(req: Request): Promise<Response> {
  const body = await answerDraftSave({
    header: (name) => req.headers.get(name),
    cookies: await cookies(),
    address: clientAddressFrom(await headers()),
    text: () => req.text(),
  });
  return new Response(JSON.stringify(body), { status: body.status, headers: draftReplyHeaders(body) });
}

// the session is read from the request: never prerendered, never cached
export const dynamic = "force-dynamic";
