"use server";
import { revalidatePath } from "next/cache";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

/** 全部标为已读: only the acting user's own notices. Refused silently for a visitor without a session (nothing of theirs to mark). */
export async function markAllNotificationsReadAction(): Promise<void> {
  try {
    const user = await authorize(["ADMIN", "REVIEWER", "CLERK"]);
    await markNotificationsRead(db, user);
    revalidatePath("/notifications");
  } catch (e) {
    if (e instanceof AccessDeniedError) return;
    throw e;
  }
}
