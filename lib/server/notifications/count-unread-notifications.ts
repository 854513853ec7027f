import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";

/** The header's `通知 N`: the acting user's own unread notices, one count on the (recipientId, readAt) index. */
export async function countUnreadNotifications(db: Db, user: Pick<CurrentUser, "id">): Promise<number> {
  return db.notification.count({ where: { recipientId: user.id, readAt: null } });
}
