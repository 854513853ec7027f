import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { saveDraft, saveDraftInputSchema } from "@/lib/server/reports/save-draft";
import { toReply, type DraftSaveReply } from "@/lib/server/reports/save-draft-reply";
import { rateLimitResponse } from "@/lib/server/security/rate-limit";
import { refusal, type RefusalStatus } from "@/lib/actions/result";

// POST /api/drafts (JSON: the editor's SaveDraftInput): 保存草稿, the editor's save. A route
// handler rather than a server action: an action's request passes through Next's page
// router, its action decoding and its RSC reply, several times the cost of the save itself
// when twenty clerks save at once. The checks are the action's, in the same order and each
// explicit: signed-in clerk (the session's token decrypted once per process, the user's row
// read per request: lib/auth/guard.ts), rate limit, input schema, then the operation, which
// checks scope, agency, state and version itself. The answer is the one result shape
// (lib/actions/result.ts), its HTTP status the same `status`.

const SESSION_EXPIRED = "登录已过期，未保存。您填写的内容仍在本页，也已保存在本机浏览器中：请在新标签页重新登录，再回到本页点击「保存草稿」。";
const BAD_REQUEST = "请求格式不正确，未保存。";
/** a save is a few KB; the three narratives may be long, and the loaded copy (`base`) comes beside them */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function reply(body: DraftSaveReply): Response {
  // a reply of a hundred bytes: never worth compressing, never to be cached
  return new Response(JSON.stringify(body), { status: body.status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
}

function refused(status: RefusalStatus, message: string): Response {
  return reply(refusal(status, message));
}

/** What a browser page of this site sends: JSON (a cross-site form cannot, without a preflight this route never grants), from this origin when it says. */
function sameOriginJson(req: Request): boolean {
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return false;
  const origin = req.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false;
  }
}

export async function POST(req: Request): Promise<Response> {
  if (!sameOriginJson(req)) return refused(400, BAD_REQUEST);
  let user;
  try {
    user = await authorize(["CLERK"]);
  } catch (e) {
    if (e instanceof AccessDeniedError) return refused(e.status, e.status === 401 ? SESSION_EXPIRED : e.message);
    throw e;
  }
  const limited = await rateLimitResponse("write", { user });
  if (limited) return limited;
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return refused(413, "内容过大，未保存。");
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return refused(400, BAD_REQUEST);
  }
  const parsed = saveDraftInputSchema.safeParse(body);
  if (!parsed.success) return refused(400, BAD_REQUEST);
  return reply(toReply(await saveDraft(db, user, parsed.data)));
}

// the session is read from the request: never prerendered, never cached
export const dynamic = "force-dynamic";
