import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Db } from "../prisma";

/** What one slip (and one CSV line) says about a new account. */
export interface IssuedAccount {
  username: string;
  displayName: string;
  /** the agency of a 填报人, the region of a 审核人, 全部 for a 管理员 */
  scopeName: string;
  oneTimePassword: string;
}

export type OneTimePasswordFormat = "csv" | "slips";

/** Long enough to download and print right after creating the accounts; short enough not to linger. */
export const ONE_TIME_PASSWORD_TTL_MS = 30 * 60 * 1000;

type Tx = Pick<Db, "oneTimePasswordBatch" | "user">;

/**
 * The key: derived from the auth secret, which is never in the database, so a copy of the
 * database (a backup, a dump) does not reveal the passwords held for download. Without a
 * configured secret (only in tests) nothing is kept and no download is offered.
 */
function key(batchId: string, env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const secret = env.NEXTAUTH_SECRET || env.AUTH_SECRET;
  if (!secret) return null;
  return Buffer.from(hkdfSync("sha256", secret, batchId, "one-time-password-download/v1", 32));
}

function seal(batchId: string, adminId: string, accounts: IssuedAccount[]): Buffer | null {
  const k = key(batchId);
  if (!k) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  // bound to its batch and administrator: a sealed value copied to another row does not open
  cipher.setAAD(Buffer.from(`${batchId}\n${adminId}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(accounts), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The accounts sealed in a batch; null when it does not open (another key or a tampered row). */
export function openSealed(batchId: string, adminId: string, sealed: Uint8Array): IssuedAccount[] | null {
  const k = key(batchId);
  if (!k || sealed.length < 28) return null;
  const bytes = Buffer.from(sealed);
  try {
    const decipher = createDecipheriv("aes-256-gcm", k, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${batchId}\n${adminId}`));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
    return JSON.parse(text) as IssuedAccount[];
  } catch {
    return null;
  }
}

/**
 * Keeps the one-time passwords just issued for their single download (CSV, and the printable
 * slips), by the administrator who issued them, in the session they issued them in. Called in
 * the transaction that creates the accounts. Expired batches are removed on the way.
 * Returns the batch id, or null when no secret is configured to seal it with.
 */
export async function keepForDownload(tx: Tx, adminId: string, accounts: IssuedAccount[], now = new Date()): Promise<string | null> {
  if (accounts.length === 0) return null;
  await tx.oneTimePasswordBatch.deleteMany({ where: { expiresAt: { lt: now } } });
  const admin = await tx.user.findUnique({ where: { id: adminId }, select: { sessionVersion: true } });
  if (!admin) return null;
  // an unguessable id: it is also what the download links carry
  const id = randomBytes(24).toString("base64url");
  const sealed = seal(id, adminId, accounts);
  if (!sealed) return null;
  await tx.oneTimePasswordBatch.create({
    data: { id, adminId, sessionVersion: admin.sessionVersion, count: accounts.length, sealed: new Uint8Array(sealed), expiresAt: new Date(now.getTime() + ONE_TIME_PASSWORD_TTL_MS) },
  });
  return id;
}
