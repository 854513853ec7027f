import { randomInt } from "node:crypto";
import bcrypt from "bcryptjs";

export const BCRYPT_COST = 10;

// No 0/O, 1/l/I: the password is read off a screen and typed in by someone else.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** A random 12-character one-time password (≈ 69 bits), grouped as xxxx-xxxx-xxxx for reading aloud. */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}
