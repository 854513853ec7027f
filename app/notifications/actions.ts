"use server";
import { revalidatePath } from "next/cache";
import { authorize } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

/** 全部标为已读: only the acting user's own notices. */
export async function markAllNotificationsReadAction(): Promise<void> {
  const user = await authorize(["ADMIN", "REVIEWER", "CLERK"]);
  await markNotificationsRead(db, user);
  revalidatePath("/notifications");
}
