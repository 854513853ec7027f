import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";

/**
 * Marks the acting user's own notices read: the given ones, or all (`ids` omitted). Ids of
 * someone else's notices match nothing (the recipient is part of the condition). Reading a
 * notice is not a state change worth an audit record.
 */
export async function markNotificationsRead(db: Db, user: Pick<CurrentUser, "id">, ids?: string[]): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { recipientId: user.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
