import { NextResponse, type NextRequest } from "next/server";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { searchScopes } from "@/lib/server/users/search-scopes";

export const dynamic = "force-dynamic";

// The 范围 picker of the user forms asks here as the administrator types: the matches are
// found in the database and at most a page of them is sent (components/admin/ScopePicker.tsx).
export async function GET(request: NextRequest) {
  const headers = { "Cache-Control": "private, no-store" };
  try {
    const actor = await authorize(["ADMIN"]);
    const params = request.nextUrl.searchParams;
    return NextResponse.json(await searchScopes(db, actor, { role: params.get("role"), q: params.get("q") ?? "" }), { headers });
  } catch (e) {
    if (e instanceof AccessDeniedError) return NextResponse.json({ error: e.message }, { status: e.status, headers });
    console.error(`scope search failed: ${(e as { name?: string }).name ?? "Error"}`);
    return NextResponse.json({ error: "服务器处理失败，请稍后重试。" }, { status: 500, headers });
  }
}
