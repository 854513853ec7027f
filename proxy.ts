import { NextResponse, type NextRequest } from "next/server";
import { withAuth } from "next-auth/middleware";
import { currentVersionNo } from "@/lib/server/cache/published-ref";

const gate = withAuth({
  pages: { signIn: "/login" },
  callbacks: { authorized: ({ token }) => Boolean(token) },
});

const REPORT_PAGE = /^\/reports\/([0-9A-Za-z-]{2,40})\/(\d{4})$/;

export default async function proxy(req: NextRequest, ev: any) {
  const m = REPORT_PAGE.exec(req.nextUrl.pathname);
  if (m) {
    const v = await currentVersionNo(m[1]!, Number(m[2]));
    if (v === null) return NextResponse.next();
    const url = req.nextUrl.clone();
    url.pathname = `/published/${m[1]}/${m[2]}/${v}`;
    return NextResponse.rewrite(url);
  }
  if (/^\/(workspace|review|admin)(\/|$)/.test(req.nextUrl.pathname)) return (gate as any)(req, ev);
  return NextResponse.next();
}

export const config = { matcher: ["/((?!_next/|favicon|icon).*)"] };
