import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";

export const NOTIFICATIONS_PAGE_SIZE = 100;

/** The acting user's own notices, newest first (a user never sees another's). */
export async function listNotifications(db: Db, user: Pick<CurrentUser, "id">, { take = NOTIFICATIONS_PAGE_SIZE }: { take?: number } = {}) {
  return db.notification.findMany({
    where: { recipientId: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, text: true, reportId: true, year: true, createdAt: true, readAt: true },
  });
}
