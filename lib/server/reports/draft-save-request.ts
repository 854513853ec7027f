// 保存草稿 as one HTTP request, free of Next's request context, for the two places that answer
// POST /api/drafts: the route handler (app/api/drafts/route.ts, in development and wherever the
// server is not started through scripts/lib/next-cluster.cjs) and the handler in front of Next
// (./draft-save-front.ts). The checks are the action's, in the same order and each explicit:
// signed-in clerk (the session's token decrypted once per process, the user's row read per
// request: lib/auth/guard.ts) and the rate limit, both in one statement
// (lib/server/security/admit-writer.ts), then size, input schema, then the operation, which checks
// scope, agency, state and version itself. The answer is the one result shape
// (lib/actions/result.ts), its HTTP status the same `status`.
import { AccessDeniedError, type CurrentUser } from "@/lib/auth/guard";
import type { CookieSource } from "@/lib/auth/session-token";
import { refusal, refusalWithRetryAfter, retryAfterOf, type RefusalStatus } from "@/lib/actions/result";
import { db } from "@/lib/server/db";
import { admitWriter } from "@/lib/server/security/admit-writer";
import { RateLimitError } from "@/lib/server/security/rate-limit";
import { readSaveDraftInput, saveDraft } from "./save-draft";
import { toReply, type DraftSaveReply } from "./save-draft-reply";

const SESSION_EXPIRED = "登录已过期，未保存。您填写的内容仍在本页，也已保存在本机浏览器中：请在新标签页重新登录，再回到本页点击「保存草稿」。";
export const BAD_REQUEST = "请求格式不正确，未保存。";
export const TOO_LARGE = "内容过大，未保存。";
/** a save is a few KB; the three narratives may be long, and the loaded copy (`base`) comes beside them */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface DraftSaveRequest {
  /** the request's headers, by lower-case name */
  header(name: string): string | null;
  cookies: CookieSource;
  /** the client's address (lib/server/security/client-address.ts) */
  address: string;
  /** the body as text; throws BodyTooLargeError past MAX_BODY_BYTES */
  text(): Promise<string>;
}

export class BodyTooLargeError extends Error {}

/** The headers of the reply: a hundred bytes, never worth compressing, never to be cached. */
export const DRAFT_REPLY_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } as const;

const refused = (status: RefusalStatus, message: string): DraftSaveReply => refusal(status, message);

/** The reply's headers: DRAFT_REPLY_HEADERS, and Retry-After on a 429 (the rate limit's own seconds). */
export function draftReplyHeaders(reply: DraftSaveReply): Record<string, string> {
  const seconds = retryAfterOf(reply);
  return seconds === undefined ? { ...DRAFT_REPLY_HEADERS } : { ...DRAFT_REPLY_HEADERS, "Retry-After": String(seconds) };
}

/** What a browser page of this site sends: JSON (a cross-site form cannot, without a preflight this route never grants), from this origin when it says. */
function sameOriginJson(r: DraftSaveRequest): boolean {
  if (!/^application\/json\b/i.test(r.header("content-type") ?? "")) return false;
  const origin = r.header("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === r.header("host");
  } catch {
    return false;
  }
}

export async function answerDraftSave(r: DraftSaveRequest): Promise<DraftSaveReply> {
  if (!sameOriginJson(r)) return refused(400, BAD_REQUEST);
  let user: CurrentUser;
  try {
    // the session's user and the write's count in one statement (lib/server/security/admit-writer.ts)
    user = await admitWriter(r.cookies, ["CLERK"], r.address);
  } catch (e) {
    if (e instanceof AccessDeniedError) return refused(e.status, e.status === 401 ? SESSION_EXPIRED : e.message);
    if (e instanceof RateLimitError) return refusalWithRetryAfter(429, e.message, e.retryAfterSeconds);
    throw e;
  }
  if (Number(r.header("content-length") ?? 0) > MAX_BODY_BYTES) return refused(413, TOO_LARGE);
  let body: unknown;
  try {
    body = JSON.parse(await r.text());
  } catch (e) {
    return e instanceof BodyTooLargeError ? refused(413, TOO_LARGE) : refused(400, BAD_REQUEST);
  }
  const input = readSaveDraftInput(body);
  if (!input) return refused(400, BAD_REQUEST);
  return toReply(await saveDraft(db, user, input));
}
