import { randomInt } from "node:crypto";
import { hashPassword as hashWithArgon2, hashPasswords } from "../auth/password-hash";

// No 0/O, 1/l/I: the password is read off a screen and typed in by someone else.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** A random 12-character one-time password (≈ 69 bits), grouped as xxxx-xxxx-xxxx for reading aloud. */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

/** For passwords people choose: the one hash (lib/server/auth/password-hash.ts). */
export function hashPassword(password: string): Promise<string> {
  return hashWithArgon2(password);
}

/**
 * For one-time passwords: the same hash at the same cost as any other password. A cheaper one
 * made a failed sign-in of a freshly issued account answer four times faster, which told
 * anyone who had just been onboarded.
 */
export function hashOneTimePassword(password: string): Promise<string> {
  return hashWithArgon2(password);
}

/** Many one-time passwords (an onboarding of a county's accounts), a bounded number at a time. */
export function hashOneTimePasswords(passwords: string[]): Promise<string[]> {
  return hashPasswords(passwords);
}
