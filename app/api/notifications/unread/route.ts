import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { countUnreadNotifications } from "@/lib/server/notifications/count-unread-notifications";

export const dynamic = "force-dynamic";

// The header's `通知 N`. The header is shared with the static public pages, so it asks here
// (one indexed count per signed-in page view) instead of making every page read the session.
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "请先登录。" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const count = await countUnreadNotifications(db, user);
  return NextResponse.json({ count }, { headers: { "Cache-Control": "private, no-store" } });
}
