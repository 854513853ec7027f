// The one password hash: argon2id for every password — chosen ones, one-time ones, the demo
// seed's — at one cost, so how long a sign-in takes tells nothing about the account (before this,
// one-time passwords at bcrypt cost 6 answered in 27 ms, others in about 110 ms, which showed
// who had just been onboarded). @node-rs/argon2 hashes on libuv's thread pool, off the event
// loop. bcryptjs stays only to read hashes stored before: they are replaced by argon2id at the
// account's next successful sign-in (verify-credentials.ts).
import { randomBytes } from "node:crypto";
import { hash as argon2Hash, parseOptions, verify as argon2Verify, type Options } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

/**
 * OWASP's argon2id parameters (19 MiB, 2 passes, 1 lane) — also the library's defaults, written
 * out so that an upgrade cannot change them unnoticed. About 20 ms a hash on one core here.
 */
export const ARGON2_OPTIONS = {
  algorithm: 2 as Options["algorithm"], // Argon2id (a const enum in the library's types)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} satisfies Options;

/** Hashes a password with argon2id (ARGON2_OPTIONS). */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2_OPTIONS);
}

/**
 * Hashes many passwords (an onboarding's one-time passwords), two at a time: each hash holds a
 * libuv thread and 19 MiB, and the pool (4 threads) is shared with file and DNS work.
 */
export async function hashPasswords(passwords: string[], concurrency = 2): Promise<string[]> {
  const out = new Array<string>(passwords.length);
  let next = 0;
  async function worker() {
    while (next < passwords.length) {
      const i = next++;
      out[i] = await hashPassword(passwords[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, passwords.length)) }, worker));
  return out;
}

// Compared against when there is no account (or no usable hash), so that a wrong username
// costs what a wrong password costs. Made once per process with the current parameters.
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString("base64")));
}

const isArgon2 = (stored: string) => stored.startsWith("$argon2");
const isBcrypt = (stored: string) => /^\$2[abxy]?\$\d\d\$/.test(stored);

/** Whether a stored argon2 hash was made with other parameters than ARGON2_OPTIONS. */
function outdated(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    return o.algorithm !== ARGON2_OPTIONS.algorithm || o.memoryCost !== ARGON2_OPTIONS.memoryCost || o.timeCost !== ARGON2_OPTIONS.timeCost || o.parallelism !== ARGON2_OPTIONS.parallelism;
  } catch {
    return true;
  }
}

export interface PasswordCheck {
  ok: boolean;
  /** the password was right but its hash is bcrypt or older parameters: store hashPassword(password) */
  needsRehash: boolean;
}

/**
 * Checks a password against a stored hash (argon2id, or bcrypt from before). With no stored
 * hash (`null`: an unknown username) it still spends one argon2id verification, and answers no.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<PasswordCheck> {
  if (stored && isArgon2(stored)) {
    const ok = await argon2Verify(stored, password).catch(() => false);
    return { ok, needsRehash: ok && outdated(stored) };
  }
  if (stored && isBcrypt(stored)) {
    const ok = await bcrypt.compare(password, stored);
    return { ok, needsRehash: ok };
  }
  await argon2Verify(await dummyHash(), password).catch(() => false);
  return { ok: false, needsRehash: false };
}
