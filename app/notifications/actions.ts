"use server";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/server/db";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

/** 全部标为已读: only the acting user's own notices. */
export const markAllNotificationsReadAction = defineAction({ roles: ["ADMIN", "REVIEWER", "CLERK"], revalidate: ["/notifications"], message: "已全部标为已读。" }, async (actor) => ({
  ok: true as const,
  marked: await markNotificationsRead(db, actor),
}));
