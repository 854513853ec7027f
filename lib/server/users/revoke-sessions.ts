import type { Db } from "../prisma";

type Tx = Pick<Db, "user">;

/**
 * Ends every session the user has now: the session token carries the user's `sessionVersion`,
 * and lib/auth (jwt callback and guard) refuse a token whose version is no longer current.
 * Call it, in the same transaction, from sign-out, password change or reset, deactivation,
 * reactivation and role or scope change. Returns the new version.
 */
export async function revokeSessions(tx: Tx, userId: string): Promise<number> {
  const user = await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
  return user.sessionVersion;
}
