import "server-only";
// The next-auth 4 route handler, wrapped so that
// - a malformed body (`{bad` as JSON, a body over the size limit) gets a clear 400/413 with a
//   Chinese message instead of next-auth's empty 500;
// - sign-in attempts are rate-limited (sign-in-limit.ts) by address and by (username, address)
//   before any password is hashed, answering 429 in the one result shape (lib/actions/result.ts)
//   plus the `url` next-auth's client reads (its `error` parameter is what the sign-in form
//   shows), with the very message of a wrong password (no telling which usernames exist or are
//   being tried) and Retry-After;
// - anything else that throws becomes a 500 with a message, never an empty body or a stack.
import NextAuth, { type NextAuthOptions } from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { refusal, type RefusalStatus } from "@/lib/actions/result";
import { db } from "@/lib/server/db";
import { clientAddressFrom } from "@/lib/server/security/client-address";
import { limitSignIn } from "./sign-in-limit";
import { SIGN_IN_REFUSED } from "./verify-credentials";
import { requestOrigin } from "@/lib/server/security/request-origin";
import { isSafeText } from "@/lib/zod";

const MAX_BODY_BYTES = 16 * 1024;
export const MALFORMED_REQUEST = "请求格式不正确，请刷新页面后重试。";
export const AUTH_FAILURE = "登录服务暂时不可用，请稍后再试。";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function errorJson(message: string, status: RefusalStatus) {
  return NextResponse.json(refusal(status, message), { status, headers: { "Cache-Control": "no-store" } });
}

/** The body as next-auth will parse it, or a response refusing it. */
function parseBody(text: string, contentType: string): { fields: Record<string, unknown> } | { refused: NextResponse } {
  if (contentType.includes("application/json")) {
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== "object" || Array.isArray(value)) return { refused: errorJson(MALFORMED_REQUEST, 400) };
      return { fields: value as Record<string, unknown> };
    } catch {
      return { refused: errorJson(MALFORMED_REQUEST, 400) };
    }
  }
  if (contentType.includes("application/x-www-form-urlencoded")) return { fields: Object.fromEntries(new URLSearchParams(text)) };
  return { fields: {} };
}

export function authRouteHandlers(options: NextAuthOptions) {
  const nextAuth = NextAuth(options) as (req: NextRequest, ctx: RouteContext) => Promise<Response>;

  async function handle(req: NextRequest, ctx: RouteContext): Promise<Response> {
    try {
      if (req.method !== "POST") return await nextAuth(req, ctx);

      const declared = Number(req.headers.get("content-length") || 0);
      if (declared > MAX_BODY_BYTES) return errorJson(MALFORMED_REQUEST, 413);
      const text = await req.text();
      if (Buffer.byteLength(text) > MAX_BODY_BYTES) return errorJson(MALFORMED_REQUEST, 413);
      const parsed = parseBody(text, req.headers.get("content-type") ?? "");
      if ("refused" in parsed) return parsed.refused;

      const [action, provider] = (await ctx.params).nextauth ?? [];
      if (action === "callback" && provider === "credentials") {
        // a username the database cannot store (NUL, a lone surrogate) names no account: not a
        // rate-limit key either; authorize() then refuses it like a wrong password
        const username = typeof parsed.fields.username === "string" && isSafeText(parsed.fields.username) ? parsed.fields.username : null;
        const hit = await limitSignIn(db, { address: clientAddressFrom(req.headers), username });
        if (hit) {
          const origin = (await requestOrigin()) ?? req.nextUrl.origin;
          const url = `${origin}/login?error=${encodeURIComponent(SIGN_IN_REFUSED)}`;
          return NextResponse.json(
            { ...refusal(429, SIGN_IN_REFUSED), url },
            { status: 429, headers: { "Retry-After": String(hit.retryAfterSeconds), "Cache-Control": "no-store" } },
          );
        }
      }

      // next-auth reads the body itself: hand it an unread copy
      const replay = new NextRequest(req.url, { method: req.method, headers: req.headers, body: text });
      return await nextAuth(replay, ctx);
    } catch (e) {
      console.error("auth route failed:", e instanceof Error ? e.message : e);
      return errorJson(AUTH_FAILURE, 500);
    }
  }
  return { GET: handle, POST: handle };
}
